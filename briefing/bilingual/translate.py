"""Optional offline machine translation behind a small interface; off by default.

The build never needs it. The only backend uses argostranslate when it is installed together
with its en↔zh packages; nothing is ever downloaded at run time.
"""
from __future__ import annotations

from typing import Any, Protocol

from briefing.errors import ConfigError

ENGINES = ("argos",)


class Translator(Protocol):
    """Anything that can translate a text between "en" and "zh"."""

    def translate(self, text: str, source_lang: str, target_lang: str) -> str | None:
        """Return the translation, or None when the engine cannot translate."""


class ArgosTranslator:
    """Offline translation with the argostranslate packages already installed."""

    def __init__(self, module: Any) -> None:
        self._module = module
        self._languages = {lang.code: lang for lang in module.get_installed_languages()}

    def translate(self, text: str, source_lang: str, target_lang: str) -> str | None:
        """Translate with an installed model; None when the language pair is not installed."""
        source, target = self._languages.get(source_lang), self._languages.get(target_lang)
        engine = source.get_translation(target) if source and target else None
        result = engine.translate(text) if engine is not None else None
        return result.strip() or None if result else None


def get_translator(name: str | None) -> Translator | None:
    """Return the configured offline engine, None when off; ConfigError when it is unusable."""
    if not name:
        return None
    if name not in ENGINES:
        raise ConfigError(f"translator: unknown engine {name!r} (known: {', '.join(ENGINES)})")
    try:
        from argostranslate import translate as argos  # an optional extra, never required
    except ImportError as exc:
        raise ConfigError("translator: 'argos' needs the argostranslate package and its en/zh "
                          "models installed offline; set translator: null to turn it off") from exc
    return ArgosTranslator(argos)
