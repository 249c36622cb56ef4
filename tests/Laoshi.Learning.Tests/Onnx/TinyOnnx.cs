using System.Text;

namespace Laoshi.Learning.Tests.Onnx;

/// <summary>
/// Writes small ONNX graphs straight as protobuf bytes (ModelProto, opset 13), so tests make their own models
/// without downloading or converting anything. Only the handful of message fields the tests use are written.
/// </summary>
public sealed class TinyOnnx
{
    private readonly List<byte[]> _nodes = [];
    private readonly List<byte[]> _initializers = [];
    private readonly List<byte[]> _inputs = [];
    private readonly List<byte[]> _outputs = [];

    /// <summary>A float input; a negative dimension is dynamic.</summary>
    public TinyOnnx Input(string name, params long[] shape)
    {
        _inputs.Add(ValueInfo(name, shape));
        return this;
    }

    public TinyOnnx Output(string name, params long[] shape)
    {
        _outputs.Add(ValueInfo(name, shape));
        return this;
    }

    public TinyOnnx Initializer(string name, long[] dims, float[] values)
    {
        _initializers.Add(Tensor(name, dims, values));
        return this;
    }

    public TinyOnnx Node(string opType, string[] inputs, string[] outputs, params byte[][] attributes)
    {
        var node = new Proto();
        foreach (var i in inputs) node.String(1, i);
        foreach (var o in outputs) node.String(2, o);
        node.String(3, $"{opType}_{_nodes.Count}");
        node.String(4, opType);
        foreach (var a in attributes) node.Bytes(5, a);
        _nodes.Add(node.ToArray());
        return this;
    }

    public static byte[] IntAttribute(string name, long value) => new Proto().String(1, name).Varint(3, (ulong)value).Varint(20, 2).ToArray();

    public static byte[] TensorAttribute(string name, long[] dims, float[] values) =>
        new Proto().String(1, name).Bytes(5, Tensor("", dims, values)).Varint(20, 4).ToArray();

    public byte[] ToModel()
    {
        var graph = new Proto();
        foreach (var n in _nodes) graph.Bytes(1, n);
        graph.String(2, "tiny");
        foreach (var t in _initializers) graph.Bytes(5, t);
        foreach (var i in _inputs) graph.Bytes(11, i);
        foreach (var o in _outputs) graph.Bytes(12, o);
        return new Proto()
            .Varint(1, 8)
            .String(2, "laoshi-tests")
            .Bytes(7, graph.ToArray())
            .Bytes(8, new Proto().String(1, "").Varint(2, 13).ToArray())
            .ToArray();
    }

    public string Save(string path)
    {
        File.WriteAllBytes(path, ToModel());
        return path;
    }

    private static byte[] Tensor(string name, long[] dims, float[] values)
    {
        var tensor = new Proto();
        foreach (var d in dims) tensor.Varint(1, (ulong)d);
        tensor.Varint(2, 1);
        var raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        if (name.Length > 0) tensor.String(8, name);
        tensor.Bytes(9, raw);
        return tensor.ToArray();
    }

    private static byte[] ValueInfo(string name, long[] shape)
    {
        var dims = new Proto();
        foreach (var d in shape)
            dims.Bytes(1, d < 0 ? new Proto().String(2, "N").ToArray() : new Proto().Varint(1, (ulong)d).ToArray());
        var tensorType = new Proto().Varint(1, 1).Bytes(2, dims.ToArray()).ToArray();
        return new Proto().String(1, name).Bytes(2, new Proto().Bytes(1, tensorType).ToArray()).ToArray();
    }

    /// <summary>Protobuf wire format: varint and length-delimited fields are all these graphs need.</summary>
    private sealed class Proto
    {
        private readonly MemoryStream _bytes = new();

        public Proto Varint(int field, ulong value)
        {
            Raw((ulong)(field << 3));
            Raw(value);
            return this;
        }

        public Proto Bytes(int field, byte[] value)
        {
            Raw((ulong)(field << 3 | 2));
            Raw((ulong)value.Length);
            _bytes.Write(value);
            return this;
        }

        public Proto String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public byte[] ToArray() => _bytes.ToArray();

        private void Raw(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }
            _bytes.WriteByte((byte)value);
        }
    }
}
