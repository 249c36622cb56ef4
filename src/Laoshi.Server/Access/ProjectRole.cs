namespace Laoshi.Server.Access;

/// <summary>
/// A person's role in one project. Roles are ordered: each includes what the roles below it may do
/// (an owner may do what a manager may, a manager what a reviewer may, a reviewer what an annotator may).
/// </summary>
public enum ProjectRole
{
    Annotator = 1,
    Reviewer = 2,
    Manager = 3,
    Owner = 4,
}

/// <summary>The role names as the API, the CLI and the database spell them.</summary>
public static class ProjectRoles
{
    public static string Name(ProjectRole role) => role switch
    {
        ProjectRole.Annotator => "annotator",
        ProjectRole.Reviewer => "reviewer",
        ProjectRole.Manager => "manager",
        ProjectRole.Owner => "owner",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? name, out ProjectRole role)
    {
        role = (name ?? "").Trim().ToLowerInvariant() switch
        {
            "annotator" => ProjectRole.Annotator,
            "reviewer" => ProjectRole.Reviewer,
            "manager" => ProjectRole.Manager,
            "owner" => ProjectRole.Owner,
            _ => 0,
        };
        return role != 0;
    }
}
