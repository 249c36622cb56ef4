using System.Runtime.CompilerServices;

namespace Laoshi.Evaluation.Classification;

/// <summary>
/// Reads a file front to back and hands it out a given number of lines at a time, straight into each chunk's buffer:
/// newlines are counted with vector instructions a few kilobytes at a time, and only the bytes read past the last line
/// taken are copied (into the next chunk). Reads are synchronous: the one thread that cuts does nothing else. Lines end at '\n' ("\r" stays on the line for the parser to drop); a last
/// line without a newline is a line.
/// </summary>
internal sealed class LineChunker(Stream stream)
{
    private const int FirstRead = 1 << 20;
    private byte[] carry = new byte[1 << 16];
    private int carryLength;
    private bool ended;
    private long linesTaken, bytesTaken;

    /// <summary>Fills <paramref name="chunk"/> with the next <paramref name="lines"/> lines (fewer at the end); false when nothing is left.</summary>
    public bool Take(int lines, LineChunk chunk)
    {
        chunk.FirstLine = linesTaken + 1;
        chunk.Length = 0;
        chunk.Reserve(carryLength);
        carry.AsSpan(0, carryLength).CopyTo(chunk.Bytes);
        chunk.Length = carryLength;
        carryLength = 0;
        var found = 0;
        var scanned = 0;
        while (true)
        {
            var (count, at) = FindNewline(chunk.Bytes.AsSpan(scanned, chunk.Length - scanned), lines - found);
            if (at >= 0)
            {
                var end = scanned + at + 1;
                Keep(chunk.Bytes.AsSpan(end, chunk.Length - end));
                chunk.Length = end;
                found = lines;
                break;
            }
            found += count;
            scanned = chunk.Length;
            if (ended)
            {
                if (chunk.Length > 0 && chunk.Bytes[chunk.Length - 1] != (byte)'\n') found++;
                break;
            }
            // Read about what the lines still missing will take, judging by the lines so far.
            var want = linesTaken + found == 0 ? FirstRead : (int)Math.Min(1 << 26, (double)(bytesTaken + chunk.Length) / (linesTaken + found) * (lines - found) * 1.02 + 4096);
            chunk.Reserve(want);
            var read = stream.Read(chunk.Bytes, chunk.Length, want);
            if (read == 0) ended = true;
            chunk.Length += read;
        }
        chunk.Lines = found;
        linesTaken += found;
        bytesTaken += chunk.Length;
        return chunk.Length > 0;
    }

    private void Keep(ReadOnlySpan<byte> rest)
    {
        if (rest.Length > carry.Length) carry = new byte[Math.Max(rest.Length, carry.Length * 2)];
        rest.CopyTo(carry);
        carryLength = rest.Length;
    }

    /// <summary>The index of the <paramref name="nth"/> newline in <paramref name="text"/>, or -1 and how many there are.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Count, int At) FindNewline(ReadOnlySpan<byte> text, int nth)
    {
        const int Stride = 4096;
        var left = nth;
        for (var offset = 0; offset < text.Length; offset += Stride)
        {
            var slice = text.Slice(offset, Math.Min(Stride, text.Length - offset));
            var count = slice.Count((byte)'\n');
            if (count < left)
            {
                left -= count;
                continue;
            }
            var position = 0;
            while (true)
            {
                position += slice[position..].IndexOf((byte)'\n') + 1;
                if (--left == 0) return (nth, offset + position - 1);
            }
        }
        return (nth - left, -1);
    }
}
