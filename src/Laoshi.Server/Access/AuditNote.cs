using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Laoshi.Server.Access;

/// <summary>
/// What an endpoint wants the audit entry of its request to say beyond the defaults (action from the endpoint name,
/// actor, ip, project, item, status): a target (a member's email, a token id, a snapshot name) and details.
/// </summary>
public sealed class AuditNote
{
    private static readonly object Key = new();

    public string? Action { get; set; }
    public string? Actor { get; set; }
    public long? ProjectId { get; set; }
    public long? ItemId { get; set; }
    public string? Target { get; set; }
    public JsonObject Detail { get; } = [];

    /// <summary>
    /// Set by an endpoint that wrote its own entry (<see cref="AccessCheck.EntryFor"/>) in the transaction of its change,
    /// so the access check does not write a second one.
    /// </summary>
    public bool Written { get; set; }

    /// <summary>The note of this request, made on first use.</summary>
    public static AuditNote For(HttpContext context)
    {
        if (context.Items.TryGetValue(Key, out var value) && value is AuditNote note) return note;
        note = new AuditNote();
        context.Items[Key] = note;
        return note;
    }

    public static AuditNote? Find(HttpContext context) => context.Items.TryGetValue(Key, out var value) ? value as AuditNote : null;
}

/// <summary>Marks a read (GET) endpoint whose every use is audited, like exports.</summary>
public sealed record AuditedRead;

/// <summary>
/// Marks a mutating endpoint that is not audited. Only for bookkeeping that records nothing a person decided:
/// leasing the next item happens on every step of annotation work and would double the audit log's writes.
/// </summary>
public sealed record NotAudited;
