"""Excel import of units, positions and employees. Being written (issue 2)."""


def impor_pegawai_proses(*, impor_id: int) -> None:
    raise NotImplementedError
