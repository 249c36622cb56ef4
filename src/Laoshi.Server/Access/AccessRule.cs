namespace Laoshi.Server.Access;

/// <summary>Who may call an endpoint.</summary>
public enum AccessKind
{
    /// <summary>Anyone, signed in or not (health, sign-in).</summary>
    Anyone,
    /// <summary>Any signed-in person.</summary>
    SignedIn,
    /// <summary>A member of the project named by the route's {p} with at least <see cref="AccessRule.MinimumRole"/>; server admins always pass.</summary>
    ProjectMember,
    /// <summary>Server admins only.</summary>
    Admin,
}

/// <summary>
/// Endpoint metadata that says who may call the endpoint. Every /api/v1 endpoint carries exactly one; the access
/// check refuses endpoints that carry none, so a new endpoint is closed until it says who may use it.
/// </summary>
public sealed record AccessRule(AccessKind Kind, ProjectRole MinimumRole = ProjectRole.Annotator);
