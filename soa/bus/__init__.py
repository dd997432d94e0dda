"""The Enterprise Service Bus: the only address consumers know, and the only way to reach a provider."""
