using Laoshi.Storage;

namespace Laoshi.Server.Api;

public sealed record SignInRequest(string Email, string Password);

public sealed record MeResponse(long Id, string Email, string DisplayName, bool IsAdmin, IReadOnlyList<MyProjectResponse> Projects);

public sealed record MyProjectResponse(long Id, string Name, string Role);

public sealed record CreateTokenRequest(string? Name);

public sealed record TokenResponse(long Id, string Name, DateTimeOffset CreatedAt, string? Token = null)
{
    public static TokenResponse From(TokenInfo token, string? secret = null) => new(token.Id, token.Name, token.CreatedAt, secret);
}

public sealed record TokenListResponse(IReadOnlyList<TokenResponse> Tokens);

public sealed record MemberRequest(string Email, string Role);

public sealed record MemberResponse(long UserId, string Email, string DisplayName, string Role, DateTimeOffset Since)
{
    public static MemberResponse From(MemberInfo member) => new(member.UserId, member.Email, member.DisplayName, member.Role, member.Since);
}

public sealed record MemberListResponse(IReadOnlyList<MemberResponse> Members);

public sealed record CreateUserRequest(string Email, string? Password, string? DisplayName, bool? IsAdmin);

public sealed record UserResponse(long Id, string Email, string DisplayName, bool IsAdmin, DateTimeOffset CreatedAt, string? Password = null)
{
    public static UserResponse From(AccountInfo account, string? password = null) =>
        new(account.Id, account.Email, account.DisplayName, account.IsAdmin, account.CreatedAt, password);
}

public sealed record UserListResponse(IReadOnlyList<UserResponse> Users, string? Next);

public sealed record AuditResponse(
    long Id, DateTimeOffset At, string? Actor, string? Ip, string Action, long? ProjectId, long? ItemId, string? Target,
    System.Text.Json.Nodes.JsonNode? Detail)
{
    public static AuditResponse From(AuditRecord record) => new(record.Id, record.At, record.Actor, record.Ip, record.Action,
        record.ProjectId, record.ItemId, record.Target, record.Detail is null ? null : System.Text.Json.Nodes.JsonNode.Parse(record.Detail));
}

public sealed record AuditListResponse(IReadOnlyList<AuditResponse> Entries, string? Next);
