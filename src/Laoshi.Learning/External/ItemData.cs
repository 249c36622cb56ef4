using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;

namespace Laoshi.Learning.External;

/// <summary>Reads the data field a model needs from an item, with errors that name the item and the field.</summary>
internal static class ItemData
{
    public static string MediaReference(ModelInput input, string field) =>
        input.Data[field] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new BadInputException($"item {input.ItemId} has no '{field}' value to give the model", path: $"data.{field}", field: field);

    /// <summary>Copies the item's array of numbers into the row; its length must be the model's row length.</summary>
    public static void Numbers(ModelInput input, string field, Span<float> row)
    {
        if (input.Data[field] is not JsonArray array)
            throw new BadInputException($"item {input.ItemId}: '{field}' must be an array of numbers for this model", path: $"data.{field}", field: field);
        if (array.Count != row.Length)
            throw new BadInputException($"item {input.ItemId}: '{field}' has {array.Count} numbers; the model takes {row.Length}", path: $"data.{field}", field: field);
        for (var i = 0; i < row.Length; i++)
        {
            if (array[i] is not JsonValue number || number.GetValueKind() != JsonValueKind.Number)
                throw new BadInputException($"item {input.ItemId}: '{field}'[{i}] is not a number", path: $"data.{field}[{i}]", field: field);
            row[i] = (float)number.GetValue<double>();
        }
    }
}
