using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Laoshi.Bench;

/// <summary>Writes one JSON object per line to a file, streaming; Chinese stays readable UTF-8 rather than \u escapes.</summary>
public sealed class JsonLines : IDisposable
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly FileStream file;
    private readonly ArrayBufferWriter<byte> buffer = new(4096);
    private readonly Utf8JsonWriter writer;

    public JsonLines(string path)
    {
        file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        writer = new Utf8JsonWriter(buffer, WriterOptions);
    }

    public long Lines { get; private set; }

    public long Bytes => file.Position;

    public void Write(Action<Utf8JsonWriter> writeObject)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writeObject(writer);
        writer.Flush();
        file.Write(buffer.WrittenSpan);
        file.WriteByte((byte)'\n');
        Lines++;
    }

    public void Dispose()
    {
        writer.Dispose();
        file.Dispose();
    }
}
