using System.Text;

namespace Laoshi.Bench;

/// <summary>The last few kilobytes a child process wrote, kept for error messages without holding all its output.</summary>
public sealed class OutputTail(int capacity = 8192)
{
    private readonly Lock gate = new();
    private readonly StringBuilder text = new();

    public void Append(string? line)
    {
        if (line is null) return;
        lock (gate)
        {
            text.AppendLine(line);
            if (text.Length > capacity * 2) text.Remove(0, text.Length - capacity);
        }
    }

    public override string ToString()
    {
        lock (gate)
        {
            return text.Length > capacity ? text.ToString(text.Length - capacity, capacity) : text.ToString();
        }
    }
}
