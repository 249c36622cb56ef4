using Microsoft.AspNetCore.Builder;

namespace Laoshi.Server.Access;

/// <summary>Declares on each endpoint who may call it (see <see cref="AccessRule"/>).</summary>
public static class AccessRuleExtensions
{
    public static TBuilder AllowAnyone<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRule(AccessKind.Anyone));

    public static TBuilder RequireSignedIn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRule(AccessKind.SignedIn));

    /// <summary>The route must have a {p} parameter naming the project (its id or name).</summary>
    public static TBuilder RequireProjectRole<TBuilder>(this TBuilder builder, ProjectRole minimum) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRule(AccessKind.ProjectMember, minimum));

    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRule(AccessKind.Admin));
}
