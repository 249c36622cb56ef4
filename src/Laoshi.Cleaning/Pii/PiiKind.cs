namespace Laoshi.Cleaning;

/// <summary>The kinds of personal data <see cref="PiiScanner"/> finds; <see cref="PiiKinds.JsonName"/> gives the report names.</summary>
public enum PiiKind
{
    Email,
    Phone,
    IdNumber,
    BankCard,
    Ip,
}
