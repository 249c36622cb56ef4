using System.Globalization;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Core.Schema;
using Laoshi.Learning.Audio;
using Laoshi.Learning.External;

namespace Laoshi.Server.Models;

/// <summary>
/// The model reference builtin:vad: energy-based voice activity detection that pre-segments an audio project's items.
/// Settings ride in the reference as a query, e.g. builtin:vad?min_silence_ms=200&amp;label=speech: label (default the
/// control's first label), control (default the first labels control on an audio field), frame_ms, threshold_db,
/// min_db, min_silence_ms, min_speech_ms, pad_ms (see <see cref="VoiceActivityOptions"/>). The answers are recorded under
/// the reference itself, its settings in a fixed order, so runs with other settings keep their own predictions.
/// </summary>
public static class BuiltinVad
{
    public const string Reference = "builtin:vad";

    private static readonly IReadOnlyDictionary<string, (double Min, double Max)> Numbers = new Dictionary<string, (double, double)>(StringComparer.Ordinal)
    {
        ["frame_ms"] = (5, 100),
        ["threshold_db"] = (0, 60),
        ["min_db"] = (-120, 0),
        ["min_silence_ms"] = (0, 10_000),
        ["min_speech_ms"] = (0, 10_000),
        ["pad_ms"] = (0, 2_000),
    };

    public static bool Matches(string reference) =>
        reference.Equals(Reference, StringComparison.Ordinal) || reference.StartsWith(Reference + "?", StringComparison.Ordinal);

    /// <summary>The model for a project's schema; media come from the server's blob store.</summary>
    public static IItemModel Open(string reference, ProjectSchema schema, IMediaSource media)
    {
        var settings = Settings(reference);
        var control = ControlFor(schema, settings.GetValueOrDefault("control"));
        var field = schema.Field(control.ToName)!;
        var label = settings.GetValueOrDefault("label") ?? control.Labels.FirstOrDefault()?.Value
            ?? throw Bad($"control '{control.Name}' has no labels to give the segments");
        var known = control.Labels.FirstOrDefault(l => l.Value == label || l.Alias == label)
            ?? throw Bad($"'{label}' is not a label of '{control.Name}'; labels are: {string.Join(", ", control.Labels.Select(l => l.Value))}");
        double Get(string name, double fallback) => settings.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
        var defaults = new VoiceActivityOptions();
        var options = new VoiceActivityOptions(
            Get("frame_ms", defaults.FrameMs), Get("threshold_db", defaults.ThresholdDb), Get("min_db", defaults.MinDb),
            Get("min_silence_ms", defaults.MinSilenceMs), Get("min_speech_ms", defaults.MinSpeechMs), Get("pad_ms", defaults.PadMs));
        var version = settings.Count == 0
            ? Reference
            : $"{Reference}?{string.Join('&', settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"))}";
        return new VoiceActivityModel(new ModelTarget(control.Name, field.Name), field.Value, known.Value, options, media, version);
    }

    /// <summary>The query's name=value pairs, checked: unknown names and numbers out of range are errors naming them.</summary>
    private static Dictionary<string, string> Settings(string reference)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = reference.Length > Reference.Length ? reference[(Reference.Length + 1)..] : "";
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]).Trim();
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]).Trim();
            if (name is not ("label" or "control") && !Numbers.ContainsKey(name))
                throw Bad($"'{name}' is not a setting of {Reference}; settings are: label, control, {string.Join(", ", Numbers.Keys)}");
            if (value.Length == 0) throw Bad($"{Reference} setting '{name}' has no value");
            if (Numbers.TryGetValue(name, out var range))
            {
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < range.Min || number > range.Max)
                    throw Bad($"{Reference} setting '{name}' must be a number from {range.Min.ToString(CultureInfo.InvariantCulture)} to {range.Max.ToString(CultureInfo.InvariantCulture)}, not '{value}'");
                value = number.ToString(CultureInfo.InvariantCulture);
            }
            if (!settings.TryAdd(name, value)) throw Bad($"{Reference} setting '{name}' is given twice");
        }
        return settings;
    }

    private static SchemaControl ControlFor(ProjectSchema schema, string? name)
    {
        bool OnAudio(SchemaControl c) => c.Type == ControlTypes.Labels && schema.Field(c.ToName)?.Kind == FieldKind.Audio;
        if (name is null)
            return schema.Controls.FirstOrDefault(OnAudio)
                ?? throw Bad($"{Reference} segments audio: the project has no labels control on an audio field");
        var control = schema.Control(name) ?? throw Bad($"the project has no control '{name}'");
        return OnAudio(control) ? control : throw Bad($"control '{name}' is not a labels control on an audio field");
    }

    private static BadInputException Bad(string message) => new(message, field: "model");
}
