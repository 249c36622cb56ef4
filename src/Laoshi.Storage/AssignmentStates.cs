namespace Laoshi.Storage;

/// <summary>
/// What a person's copy of an item is: held (until leased_until), answered, or passed over. A person has at most one
/// row per item, which is what makes "nobody gets the same item twice" a key lookup.
/// </summary>
public static class AssignmentStates
{
    public const string Leased = "leased";
    public const string Submitted = "submitted";
    public const string Skipped = "skipped";
}
