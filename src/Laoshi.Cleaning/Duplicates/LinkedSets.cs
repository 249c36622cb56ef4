namespace Laoshi.Cleaning;

/// <summary>Union–find over representatives, remembering per set the lowest similarity of the links that joined it.</summary>
internal sealed class LinkedSets
{
    private readonly int[] _parent;
    private readonly byte[] _rank;
    private readonly double[] _weakest;

    public LinkedSets(int count)
    {
        _parent = new int[count];
        _rank = new byte[count];
        _weakest = new double[count];
        for (var i = 0; i < count; i++)
        {
            _parent[i] = i;
            _weakest[i] = 1;
        }
    }

    public int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }
        return x;
    }

    public void Link(int a, int b, double similarity)
    {
        a = Find(a);
        b = Find(b);
        if (a == b) return;
        if (_rank[a] < _rank[b]) (a, b) = (b, a);
        _parent[b] = a;
        if (_rank[a] == _rank[b]) _rank[a]++;
        _weakest[a] = Math.Min(Math.Min(_weakest[a], _weakest[b]), similarity);
    }

    public double Weakest(int root) => _weakest[root];
}
