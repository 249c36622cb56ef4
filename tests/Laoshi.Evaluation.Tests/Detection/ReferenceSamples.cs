namespace Laoshi.Evaluation.Tests.Detection;

/// <summary>Where the copied reference samples (References/, MIT) lie next to the test binaries.</summary>
internal static class ReferenceSamples
{
    public static string CocoTruth => Path.Combine(AppContext.BaseDirectory, "References", "coco-sample", "ground_truth.json");
    public static string CocoDetections => Path.Combine(AppContext.BaseDirectory, "References", "coco-sample", "detections.json");
    public static string VocTruth => Path.Combine(AppContext.BaseDirectory, "References", "voc-sample", "groundtruths");
    public static string VocDetections => Path.Combine(AppContext.BaseDirectory, "References", "voc-sample", "detections");
}
