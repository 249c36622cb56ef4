namespace Laoshi.Learning.External;

/// <summary>
/// Where a model's answers go in the project's schema: the control that the regions belong to (Label Studio's
/// from_name) and the field they describe (to_name). Predictions carry both so they appear in the workspace.
/// </summary>
public sealed record ModelTarget(string Control, string Field);
