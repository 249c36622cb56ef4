using Laoshi.Core.Errors;

namespace Laoshi.Formats.Coco;

/// <summary>
/// Holds the annotations of a COCO file in a temporary file until their images are emitted, because COCO lists
/// all images before (or after) all annotations. Each record points back to the previous record of the same
/// image, so memory holds one offset per image rather than one entry per annotation.
/// </summary>
internal sealed class CocoAnnotationStore : IDisposable
{
    private const long NoRecord = -1;
    private readonly FileStream file;
    private readonly BinaryWriter writer;
    private readonly BinaryReader reader;
    private readonly Dictionary<long, long> lastRecordOfImage = [];
    private bool writing = true;

    public CocoAnnotationStore()
    {
        // Synchronous, buffered I/O on a private temp file: the records are tiny and async per record would cost more than it saves.
        file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        writer = new BinaryWriter(file, System.Text.Encoding.UTF8, leaveOpen: true);
        reader = new BinaryReader(file, System.Text.Encoding.UTF8, leaveOpen: true);
    }

    /// <summary>Image ids that have annotations not yet taken.</summary>
    public IReadOnlyCollection<long> PendingImageIds => lastRecordOfImage.Keys;

    public void Add(long imageId, CocoAnnotation annotation)
    {
        var offset = Begin(imageId, kind: 0);
        writer.Write(annotation.Index);
        writer.Write(annotation.Id.HasValue);
        writer.Write(annotation.Id ?? 0);
        writer.Write(annotation.CategoryId);
        writer.Write(annotation.IsCrowd);
        writer.Write(annotation.HasMask);
        WriteArray(annotation.Bbox);
        writer.Write(annotation.Polygons.Count);
        foreach (var polygon in annotation.Polygons) WriteArray(polygon);
        WriteArray(annotation.KeyPoints);
        lastRecordOfImage[imageId] = offset;
    }

    /// <summary>Keeps an annotation's error with its image, so that the image is reported rather than imported half.</summary>
    public void AddError(long imageId, InputError error)
    {
        var offset = Begin(imageId, kind: 1);
        writer.Write(error.Message);
        writer.Write(error.Path ?? "");
        writer.Write(error.Field ?? "");
        lastRecordOfImage[imageId] = offset;
    }

    /// <summary>Removes and returns an image's annotations and errors, in file order.</summary>
    public IReadOnlyList<object> Take(long imageId, string fileName)
    {
        if (!lastRecordOfImage.Remove(imageId, out var offset)) return [];
        if (writing)
        {
            writer.Flush();
            writing = false;
        }
        var records = new List<object>();
        while (offset != NoRecord)
        {
            file.Position = offset;
            var previous = reader.ReadInt64();
            records.Add(reader.ReadByte() == 0 ? ReadAnnotation() : ReadError(fileName));
            offset = previous;
        }
        records.Reverse();
        return records;
    }

    private long Begin(long imageId, byte kind)
    {
        if (!writing) throw new InvalidOperationException("annotations are added before any is taken");
        var offset = file.Position;
        writer.Write(lastRecordOfImage.GetValueOrDefault(imageId, NoRecord));
        writer.Write(kind);
        return offset;
    }

    private CocoAnnotation ReadAnnotation()
    {
        var index = reader.ReadInt32();
        var hasId = reader.ReadBoolean();
        var id = reader.ReadInt64();
        var categoryId = reader.ReadInt64();
        var isCrowd = reader.ReadBoolean();
        var hasMask = reader.ReadBoolean();
        var bbox = ReadArray();
        var polygons = new double[reader.ReadInt32()][];
        for (var i = 0; i < polygons.Length; i++) polygons[i] = ReadArray()!;
        var keyPoints = ReadArray();
        return new CocoAnnotation(index, hasId ? id : null, categoryId, isCrowd, hasMask, bbox, polygons, keyPoints);
    }

    private InputError ReadError(string fileName)
    {
        var message = reader.ReadString();
        var path = reader.ReadString();
        var field = reader.ReadString();
        return new InputError(message, fileName, Path: path.Length == 0 ? null : path, Field: field.Length == 0 ? null : field);
    }

    private void WriteArray(double[]? values)
    {
        writer.Write(values?.Length ?? -1);
        if (values is null) return;
        foreach (var value in values) writer.Write(value);
    }

    private double[]? ReadArray()
    {
        var length = reader.ReadInt32();
        if (length < 0) return null;
        var values = new double[length];
        for (var i = 0; i < length; i++) values[i] = reader.ReadDouble();
        return values;
    }

    public void Dispose()
    {
        writer.Dispose();
        reader.Dispose();
        file.Dispose();
    }
}
