using Laoshi.Core.Errors;

namespace Laoshi.Cleaning;

/// <summary>The names of <see cref="PiiKind"/> in JSON reports and on the command line: email, phone, id_number, bank_card, ip.</summary>
public static class PiiKinds
{
    /// <summary>Every kind, in report order.</summary>
    public static IReadOnlyList<PiiKind> All { get; } = [PiiKind.Email, PiiKind.Phone, PiiKind.IdNumber, PiiKind.BankCard, PiiKind.Ip];

    public static string JsonName(this PiiKind kind) => kind switch
    {
        PiiKind.Email => "email",
        PiiKind.Phone => "phone",
        PiiKind.IdNumber => "id_number",
        PiiKind.BankCard => "bank_card",
        PiiKind.Ip => "ip",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Reads a report name; an unknown one is a <see cref="BadInputException"/> listing the known names.</summary>
    public static PiiKind Parse(string name, string field = "pii") =>
        All.Where(k => k.JsonName() == name.Trim().ToLowerInvariant()).Select(k => (PiiKind?)k).FirstOrDefault()
        ?? throw new BadInputException($"unknown PII kind '{name}'; known: {string.Join(", ", All.Select(JsonName))}", field: field);
}
