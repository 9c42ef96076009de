from application.errors import AppError


class LLMPackageMissing(AppError):
    """INTAKE_LLM names a backend whose package is not installed (an optional extra)."""

    code = "llm_package_missing"
    status = 500

    def __init__(self, backend: str, extra: str) -> None:
        super().__init__(f"INTAKE_LLM={backend} needs the '{extra}' extra: pip install 'sme-intake[{extra}]'")
