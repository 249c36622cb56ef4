namespace Laoshi.Learning.External;

/// <summary>What a model backend's GET /health said: Label Studio's backends answer {"status": "UP", "model_class": ...}.</summary>
public sealed record BackendHealth(string Status, string? ModelClass)
{
    public bool IsUp => string.Equals(Status, "UP", StringComparison.OrdinalIgnoreCase);
}
