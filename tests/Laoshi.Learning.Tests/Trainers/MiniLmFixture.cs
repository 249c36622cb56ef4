using Laoshi.Learning.Trainers.Embeddings;

namespace Laoshi.Learning.Tests.Trainers;

/// <summary>One text-minilm trainer for a test class, so the encoder loads once.</summary>
public sealed class MiniLmFixture : IDisposable
{
    private readonly Lazy<MiniLmEncoder> _encoder = new(() => new MiniLmEncoder());

    public MiniLmFixture() => Trainer = new TextMiniLmTrainer(_encoder);

    public TextMiniLmTrainer Trainer { get; }

    public MiniLmEncoder Encoder => _encoder.Value;

    public void Dispose()
    {
        if (_encoder.IsValueCreated) _encoder.Value.Dispose();
    }
}
