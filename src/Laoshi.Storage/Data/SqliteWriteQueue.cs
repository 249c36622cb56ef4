using System.Threading.Channels;

namespace Laoshi.Storage.Data;

/// <summary>
/// Group commit for SQLite's hot writes (leasing the next item, submitting an annotation). One long-lived connection
/// runs them in turn; whatever is queued when the previous batch ends goes into one transaction, and each caller is
/// answered only after that transaction's COMMIT, so a completed task still means "committed". Under load the fixed
/// cost of a transaction (taking the write lock, BEGIN, writing the WAL, COMMIT) is shared by the whole batch.
/// </summary>
/// <remarks>
/// Each piece of work runs inside its own SAVEPOINT: one that throws (an unknown item, bad input) is undone alone and
/// its caller gets the exception, while the rest of the batch commits. The store's write lock is held for the batch,
/// so these writes take turns with the EF-based write sessions (imports, project changes) of the same process.
/// </remarks>
internal sealed class SqliteWriteQueue : IDisposable
{
    // A bound on one transaction's work keeps the first caller of a huge queue from waiting for all of it.
    private const int MaxBatch = 256;

    private readonly Channel<IQueuedWrite> _queue = Channel.CreateUnbounded<IQueuedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly PreparedConnection _connection;
    private readonly SemaphoreSlim _writeLock;
    private readonly Task _loop;

    public SqliteWriteQueue(string connectionString, SemaphoreSlim writeLock)
    {
        _connection = PreparedConnection.Open(connectionString);
        _writeLock = writeLock;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Runs the work in the next batch; the task completes once its batch is committed (or the work failed).</summary>
    public Task<T> RunAsync<T>(Func<PreparedConnection, T> work, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var write = new QueuedWrite<T>(work, ct);
        if (!_queue.Writer.TryWrite(write)) throw new ObjectDisposedException(nameof(SqliteWriteQueue));
        return write.Task;
    }

    private async Task LoopAsync()
    {
        var batch = new List<IQueuedWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            await _writeLock.WaitAsync();
            try
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write)) batch.Add(write);
                RunBatch(batch);
            }
            finally
            {
                _writeLock.Release();
            }
            foreach (var write in batch) write.Publish();
            batch.Clear();
        }
    }

    private void RunBatch(List<IQueuedWrite> batch)
    {
        try
        {
            _connection.Execute("BEGIN IMMEDIATE");
            foreach (var write in batch)
            {
                if (write.Cancelled) continue;
                _connection.Execute("SAVEPOINT queued_write");
                try
                {
                    write.Run(_connection);
                }
                catch (Exception e)
                {
                    write.Fail(e);
                    _connection.Execute("ROLLBACK TO queued_write");
                }
                _connection.Execute("RELEASE queued_write");
            }
            _connection.Execute("COMMIT");
        }
        catch (Exception e)
        {
            // The transaction itself failed (disk full, another process held the lock past the busy timeout):
            // nothing of the batch is committed, so every caller that has not failed already hears of it.
            if (!_connection.IsAutocommit)
            {
                try { _connection.Execute("ROLLBACK"); }
                catch (Exception) { /* the original failure is the one to report */ }
            }
            foreach (var write in batch) write.Fail(e);
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.GetAwaiter().GetResult();
        _connection.Dispose();
    }

    private interface IQueuedWrite
    {
        bool Cancelled { get; }
        void Run(PreparedConnection connection);
        void Fail(Exception error);
        /// <summary>Completes the caller's task; only called once the batch is committed or abandoned.</summary>
        void Publish();
    }

    private sealed class QueuedWrite<T>(Func<PreparedConnection, T> work, CancellationToken ct) : IQueuedWrite
    {
        // Callers' continuations must not run on the queue's loop, which would stall the next batch behind them.
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;
        private bool _ran;
        private Exception? _error;

        public Task<T> Task => _completion.Task;
        public bool Cancelled => ct.IsCancellationRequested;

        public void Run(PreparedConnection connection)
        {
            _ran = true;
            _result = work(connection);
        }

        public void Fail(Exception error) => _error ??= error;

        public void Publish()
        {
            if (_error is not null) _completion.TrySetException(_error);
            else if (!_ran) _completion.TrySetCanceled(ct);
            else _completion.TrySetResult(_result);
        }
    }
}
