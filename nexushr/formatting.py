def country_name(code: str) -> str:
    return code
