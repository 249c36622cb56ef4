using Laoshi.Core.Errors;

namespace Laoshi.Server.Importing;

/// <param name="Format">auto, jsonl, csv, labelstudio, coco, yolo, voc, conll or folder.</param>
/// <param name="SkipBad">Keep the good rows and report the bad ones, instead of importing nothing.</param>
/// <param name="BadRowsPath">Where the refused rows and their reasons are written (JSON lines), when SkipBad.</param>
public sealed record ImportOptions(string Format = "auto", bool SkipBad = false, string? BadRowsPath = null);

public sealed record ImportProgress(string Source, long Items, long Refused, long BytesRead, long? BytesTotal);

/// <param name="Refused">How many rows were refused; <paramref name="Errors"/> holds the first of them.</param>
public sealed record ImportSummary(
    long Items, long Annotations, long Predictions, long Refused, IReadOnlyList<InputError> Errors, string? BadRowsPath);
