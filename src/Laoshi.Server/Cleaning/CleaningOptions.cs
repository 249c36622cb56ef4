using System.Globalization;
using System.Text.Json.Nodes;
using Laoshi.Cleaning;
using Laoshi.Core.Errors;

namespace Laoshi.Server.Cleaning;

/// <summary>What a cleaning pass looks for and does. The JSON names are those of the API body and of a run's stored options.</summary>
public sealed record CleaningOptions
{
    public const int DefaultMinImageSize = 32;
    public const int DefaultMaxTextLength = 100_000;

    /// <summary>Exact duplicates (text after normalisation, files by bytes); with <see cref="Near"/> also near duplicates.</summary>
    public bool Dedupe { get; init; }
    /// <summary>Similarity in (0, 1] above which two items are near duplicates (MinHash Jaccard for text, 1 − Hamming/64 of the pHash for images).</summary>
    public double? Near { get; init; }
    public bool Broken { get; init; }
    /// <summary>A comma-separated list of normalisations (nfkc, width, t2s, whitespace, control); null: none.</summary>
    public string? Normalize { get; init; }
    /// <summary>"report" counts personal information; "mask" also masks it in the item's text.</summary>
    public string? Pii { get; init; }
    /// <summary>Only report: nothing is changed or stored.</summary>
    public bool DryRun { get; init; }
    /// <summary>Images narrower or lower than this many pixels are unusable.</summary>
    public int MinImageSize { get; init; } = DefaultMinImageSize;
    /// <summary>Texts longer than this many characters are unusable.</summary>
    public int MaxTextLength { get; init; } = DefaultMaxTextLength;

    public bool MasksPii => Pii == "mask";
    public bool FindsNear => Near is not null;

    /// <summary>The normalisation asked for; what exact duplicates are compared after when none was asked.</summary>
    public NormalizationOptions Normalization => Normalize is null ? NormalizationOptions.None : NormalizationOptions.Parse(Normalize);

    /// <summary>Refuses options that ask for nothing or hold a value out of range, naming the field.</summary>
    public CleaningOptions Checked()
    {
        if (!Dedupe && Near is null && !Broken && Normalize is null && Pii is null)
            throw new BadInputException("nothing to do: ask for dedupe, near, broken, normalize or pii", field: "dedupe");
        if (Near is { } near && (double.IsNaN(near) || near <= 0 || near > 1))
            throw new BadInputException($"near must be a similarity above 0 and at most 1, not {near.ToString(CultureInfo.InvariantCulture)}", field: "near");
        if (Pii is not null and not ("report" or "mask"))
            throw new BadInputException($"pii must be 'report' or 'mask', not '{Pii}'", field: "pii");
        if (Normalize is not null) _ = NormalizationOptions.Parse(Normalize);
        if (MinImageSize < 0) throw new BadInputException("min_image_size must not be negative", field: "min_image_size");
        if (MaxTextLength < 1) throw new BadInputException("max_text_length must be at least 1", field: "max_text_length");
        // Near duplicates are duplicates: asking for them finds the exact ones too.
        return Near is not null ? this with { Dedupe = true } : this;
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["dedupe"] = Dedupe, ["broken"] = Broken, ["dry_run"] = DryRun };
        if (Near is not null) json["near"] = Near;
        if (Normalize is not null) json["normalize"] = Normalize;
        if (Pii is not null) json["pii"] = Pii;
        json["min_image_size"] = MinImageSize;
        json["max_text_length"] = MaxTextLength;
        return json;
    }

    /// <summary>Reads the API body (or job parameters); "normalize" may be a list text or an array of names.</summary>
    public static CleaningOptions FromJson(JsonObject json)
    {
        string? normalize = json["normalize"] switch
        {
            null => null,
            JsonArray names => string.Join(",", names.Select(n => Text(n, "normalize"))),
            var other => Text(other, "normalize"),
        };
        return new CleaningOptions
        {
            Dedupe = Flag(json, "dedupe"),
            Near = Number(json, "near"),
            Broken = Flag(json, "broken"),
            Normalize = string.IsNullOrWhiteSpace(normalize) ? null : normalize,
            Pii = json["pii"] is null ? null : Text(json["pii"], "pii"),
            DryRun = Flag(json, "dry_run"),
            MinImageSize = (int?)Number(json, "min_image_size") ?? DefaultMinImageSize,
            MaxTextLength = (int?)Number(json, "max_text_length") ?? DefaultMaxTextLength,
        }.Checked();
    }

    private static bool Flag(JsonObject json, string name) => json[name] switch
    {
        null => false,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        _ => throw new BadInputException($"{name} must be true or false", path: "$." + name, field: name),
    };

    private static double? Number(JsonObject json, string name) => json[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<double>(out var number) => number,
        _ => throw new BadInputException($"{name} must be a number", path: "$." + name, field: name),
    };

    private static string Text(JsonNode? node, string name) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw new BadInputException($"{name} must be text", path: "$." + name, field: name);
}
