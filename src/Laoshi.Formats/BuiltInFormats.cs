using Laoshi.Formats.Coco;
using Laoshi.Formats.Conll;
using Laoshi.Formats.Csv;
using Laoshi.Formats.Folder;
using Laoshi.Formats.Jsonl;
using Laoshi.Formats.LabelStudio;
using Laoshi.Formats.Media;
using Laoshi.Formats.Voc;
using Laoshi.Formats.Yolo;

namespace Laoshi.Formats;

/// <summary>The readers and writers that ship with Laoshi; each call makes fresh instances.</summary>
public static class BuiltInFormats
{
    public static IReadOnlyList<IImportReader> Readers(CocoReaderOptions? coco = null, MediaProbeOptions? media = null) =>
    [
        new JsonlReader(), new LabelStudioReader(), new CsvReader(), new ConllReader(),
        new CocoReader(coco), new YoloReader(), new VocReader(), new FolderReader(media),
    ];

    public static IReadOnlyList<IExportWriter> Writers() =>
    [
        new JsonlWriter(), new LabelStudioWriter(), new CsvWriter(), new ConllWriter(),
        new CocoWriter(), new YoloWriter(), new VocWriter(),
    ];
}
