"""briefing: a one-page bilingual brief of China's economic-policy press texts."""

__version__ = "0.1.0"
