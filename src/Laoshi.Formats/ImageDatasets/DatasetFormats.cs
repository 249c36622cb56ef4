using Laoshi.Formats.Coco;
using Laoshi.Formats.Folder;
using Laoshi.Formats.Media;
using Laoshi.Formats.Voc;
using Laoshi.Formats.Yolo;

namespace Laoshi.Formats;

/// <summary>
/// The image-dataset and raw-file formats in one place, so a catalog of every format (with JSONL, CSV,
/// Label Studio, CoNLL) can list them by name. Each call makes fresh instances.
/// </summary>
public static class DatasetFormats
{
    public static IReadOnlyList<IImportReader> Readers(CocoReaderOptions? coco = null, MediaProbeOptions? media = null) =>
        [new CocoReader(coco), new YoloReader(), new VocReader(), new FolderReader(media)];

    public static IReadOnlyList<IExportWriter> Writers() =>
        [new CocoWriter(), new YoloWriter(), new VocWriter()];
}
