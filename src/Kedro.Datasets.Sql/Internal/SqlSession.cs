using System.Data.Common;
using Kedro.Datasets.Sql.Engines;

namespace Kedro.Datasets.Sql.Internal;

/// <summary>
/// One open connection of a load or a save, closed when disposed: runs statements with the dataset's parameters and
/// turns a provider's error into a message naming the engine and the statement's first line, without the password.
/// </summary>
internal sealed class SqlSession : IDisposable
{
    private SqlSession(SqlConnectionInfo info, DbConnection connection)
    {
        Info = info;
        Connection = connection;
    }

    public SqlConnectionInfo Info { get; }

    public SqlEngine Engine => Info.Engine;

    public DbConnection Connection { get; }

    public DbTransaction? Transaction { get; private set; }

    public static SqlSession Open(SqlConnectionInfo info, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        DbConnection connection;
        try
        {
            connection = info.Engine.Open(info, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not SqlDatasetFailure)
        {
            throw SqlErrors.OpenFailed(info, e);
        }

        return new SqlSession(info, connection);
    }

    public void Begin() => Run("BEGIN", () => Transaction = Connection.BeginTransaction());

    public void Commit() => Run("COMMIT", () => Transaction!.Commit());

    public DbCommand Command(string sql, IReadOnlyList<(string Name, object? Value)>? parameters = null)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        foreach (var (name, value) in parameters ?? [])
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = Engine.ParameterName(name);
            parameter.Value = Engine.ParameterValue(value);
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public int Execute(string sql, IReadOnlyList<(string Name, object? Value)>? parameters = null)
    {
        using var command = Command(sql, parameters);
        return Run(sql, command.ExecuteNonQuery);
    }

    public object? Scalar(string sql, IReadOnlyList<(string Name, object? Value)>? parameters = null)
    {
        using var command = Command(sql, parameters);
        return Run(sql, command.ExecuteScalar);
    }

    /// <summary>Runs <paramref name="action"/>, which carries out <paramref name="statement"/>, translating the provider's errors.</summary>
    public T Run<T>(string statement, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or InvalidCastException or OverflowException or ArgumentException or NotSupportedException
            && e is not SqlDatasetFailure)
        {
            throw SqlErrors.StatementFailed(Info, statement, e);
        }
    }

    public void Run(string statement, Action action) => Run(statement, () =>
    {
        action();
        return 0;
    });

    public void Dispose()
    {
        Transaction?.Dispose();
        Connection.Dispose();
    }
}
