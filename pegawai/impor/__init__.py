"""Excel import of units, positions and employees (issue 2).

- `kolom`: the workbook layout (sheets, columns), read by everything below;
- `berkas`: checks on the upload before any row is read (type, size, zip bomb, rows, headers);
- `baca`: cell values to clean values; `validasi`: every row checked, all errors collected,
  into a `rencana` (plan);
- `tulis`: the plan written set-based in one transaction; `massal`: the audit trail and mass
  updates it uses;
- `proses`: the Celery task's entry point; `services`: start an import, hand out the codes;
- `template`, `ekspor`, `forms`: the blank template, the error and activation-code workbooks,
  the upload form.
"""

from .berkas import impor_periksa_berkas
from .ekspor import galat_workbook
from .proses import impor_pegawai_proses
from .services import KredensialTidakAda, impor_create, impor_kredensial_ambil
from .template import impor_template_workbook

__all__ = [
    "KredensialTidakAda",
    "galat_workbook",
    "impor_create",
    "impor_kredensial_ambil",
    "impor_pegawai_proses",
    "impor_periksa_berkas",
    "impor_template_workbook",
]
