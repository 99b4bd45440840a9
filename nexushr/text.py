"""Text normalisation shared by search: case- and accent-insensitive ("Ciência" ≈ "ciencia")."""

import unicodedata


def normalize(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())
