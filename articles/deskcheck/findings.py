from dataclasses import asdict, dataclass

ERROR, WARNING, NOTE = "error", "warning", "note"


@dataclass(frozen=True)
class Finding:
    level: str
    code: str
    message: str
    sentence: str

    def as_dict(self):
        return asdict(self)
