"""Excel import of teknis competencies (issue 3), built on the employee import's pieces.

- `kolom`: the workbook layout (sheets Kompetensi, Level, Indikator; columns and limits);
- `berkas`: the employee import's file checks (`pegawai.impor.berkas`) with this layout;
- `validasi`: every row checked, every error collected (`pegawai.impor.baca.Sel`, `Galat`),
  into a plan matched against the dictionary;
- `services`: `kompetensi_impor`, all or nothing, written through `kompetensi_simpan`;
- `template`: the blank workbook. The error workbook is the employee import's (`galat_workbook`).
"""

from pegawai.impor import galat_workbook

from .services import kompetensi_impor
from .template import impor_kompetensi_template_workbook

__all__ = ["galat_workbook", "impor_kompetensi_template_workbook", "kompetensi_impor"]
