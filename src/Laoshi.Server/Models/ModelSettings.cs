using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Schema;
using Laoshi.Learning.External;

namespace Laoshi.Server.Models;

/// <summary>
/// Reads a model's settings (JSON, snake_case) into the options its kind runs with, filling what is left out from the
/// project's schema: the first choices control (classifiers) or rectanglelabels control (detectors), its field and
/// the data key behind it, and its labels in schema order. Errors name the setting as settings.NAME.
/// Settings: labels, control, field, input_field, input (image|tensor), image_width, image_height, input_width,
/// input_height, confidence, iou, max_detections, class_agnostic, scale, mean, std, activation (auto|softmax|none).
/// </summary>
public static class ModelSettings
{
    public static OnnxClassifierOptions Classifier(JsonObject settings, ProjectSchema schema)
    {
        var (target, inputField, labels) = Target(settings, schema, ControlTypes.Choices);
        var input = Text(settings, "input")?.ToLowerInvariant() switch
        {
            null or "image" => OnnxInputKind.Image,
            "tensor" => OnnxInputKind.Tensor,
            var other => throw Bad("input", $"'{other}' is not an input kind; use image or tensor"),
        };
        var activation = Text(settings, "activation")?.ToLowerInvariant() switch
        {
            null or "auto" => ScoreActivation.Auto,
            "softmax" => ScoreActivation.Softmax,
            "none" => ScoreActivation.None,
            var other => throw Bad("activation", $"'{other}' is not an activation; use auto, softmax or none"),
        };
        return new OnnxClassifierOptions(labels, target, inputField, input, Integer(settings, "image_width"), Integer(settings, "image_height"),
            Preprocessing(settings), activation);
    }

    public static OnnxDetectorOptions Detector(JsonObject settings, ProjectSchema schema)
    {
        var (target, inputField, labels) = Target(settings, schema, ControlTypes.RectangleLabels);
        var defaults = new OnnxDetectorOptions(labels, target, inputField);
        return defaults with
        {
            InputWidth = Integer(settings, "input_width") ?? defaults.InputWidth,
            InputHeight = Integer(settings, "input_height") ?? defaults.InputHeight,
            ConfidenceThreshold = Fraction(settings, "confidence") ?? defaults.ConfidenceThreshold,
            IouThreshold = Fraction(settings, "iou") ?? defaults.IouThreshold,
            MaxDetections = Integer(settings, "max_detections") ?? defaults.MaxDetections,
            ClassAgnosticNms = settings["class_agnostic"] is JsonValue b && b.GetValueKind() == JsonValueKind.True,
            Preprocessing = Preprocessing(settings),
        };
    }

    /// <summary>The control, field and data key a model's answers belong to, from the settings or the schema.</summary>
    public static (ModelTarget Target, string InputField, IReadOnlyList<string> Labels) Target(JsonObject settings, ProjectSchema schema, string controlType)
    {
        var controlName = Text(settings, "control");
        var control = controlName is null
            ? schema.Controls.FirstOrDefault(c => c.Type == controlType)
            : schema.Control(controlName) ?? throw Bad("control", $"the project has no control '{controlName}'");
        var fieldName = Text(settings, "field") ?? control?.ToName
            ?? throw Bad("control", $"the project has no {controlType} control for the model's answers; name one in settings.control");
        var field = schema.Field(fieldName);
        var inputField = Text(settings, "input_field") ?? field?.Value ?? fieldName;
        IReadOnlyList<string> labels = settings["labels"] switch
        {
            null => control?.Labels.Select(l => l.Value).ToList() ?? [],
            JsonArray list => [.. list.Select((l, i) => l is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : throw Bad($"labels[{i}]", "must be a label name"))],
            JsonValue v when v.TryGetValue<string>(out var s) => [.. s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
            _ => throw Bad("labels", "must be a list of label names"),
        };
        if (labels.Count == 0) throw Bad("labels", "the model's labels are unknown: give them in output order");
        return (new ModelTarget(control?.Name ?? controlName ?? controlType, fieldName), inputField, labels);
    }

    private static ImagePreprocessing? Preprocessing(JsonObject settings)
    {
        var scale = Number(settings, "scale");
        var mean = Triple(settings, "mean");
        var std = Triple(settings, "std");
        return scale is null && mean is null && std is null ? null : new ImagePreprocessing(scale ?? 1.0 / 255, mean, std);
    }

    private static IReadOnlyList<double>? Triple(JsonObject settings, string name) => settings[name] switch
    {
        null => null,
        JsonArray { Count: 3 } a when a.All(x => x is JsonValue v && v.GetValueKind() == JsonValueKind.Number) => [.. a.Select(x => x!.GetValue<double>())],
        _ => throw Bad(name, "must be three numbers (red, green, blue)"),
    };

    private static string? Text(JsonObject settings, string name) => settings[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0 ? null : s,
        _ => throw Bad(name, "must be a string"),
    };

    private static double? Number(JsonObject settings, string name) => settings[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>(),
        JsonValue v when v.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => throw Bad(name, "must be a number"),
    };

    private static int? Integer(JsonObject settings, string name)
    {
        var value = Number(settings, name);
        if (value is null) return null;
        return value is >= 1 and <= 100_000 && value == Math.Floor(value.Value) ? (int)value : throw Bad(name, "must be a whole number from 1 to 100000");
    }

    private static double? Fraction(JsonObject settings, string name)
    {
        var value = Number(settings, name);
        return value is null or (>= 0 and <= 1) ? value : throw Bad(name, "must be between 0 and 1");
    }

    private static BadInputException Bad(string name, string message) =>
        new($"settings.{name}: {message}", path: $"settings.{name}", field: "settings");
}
