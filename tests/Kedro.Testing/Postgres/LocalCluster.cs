using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Kedro.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster in a fresh temporary folder, on a free port of 127.0.0.1, with password
/// (scram-sha-256) logins. It is stopped and its folder deleted when the process exits; a watchdog process does the
/// same if the process is killed. As root, the server runs as the <c>postgres</c> system user, which owns the folder
/// (initdb and postgres refuse to run as root).
/// </summary>
internal sealed class LocalCluster
{
    private const string SystemUser = "postgres";

    // Stops the server of folder $1 (an immediate shutdown: nothing of it is kept) and deletes the folder.
    private const string StopScript = """
        d=$1
        if [ -f "$d/data/postmaster.pid" ]; then
          s=$(head -n 1 "$d/data/postmaster.pid")
          if [ -n "$s" ] && kill -QUIT "$s" 2>/dev/null; then
            i=0
            while kill -0 "$s" 2>/dev/null && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
            kill -0 "$s" 2>/dev/null && kill -KILL "$s" 2>/dev/null
          fi
        fi
        rm -rf "$d"
        """;

    // Waits for process $1 to end (or become a zombie), then stops the server of folder $2 and deletes the folder.
    private const string WatchdogScript = """
        p=$1
        alive() { kill -0 "$p" 2>/dev/null && [ "$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | cut -c1)" != Z ]; }
        while alive; do sleep 1; done
        shift
        """ + "\n" + StopScript;

    private readonly string _folder;
    private readonly string _programs;
    private readonly bool _asSystemUser;

    private LocalCluster(string folder, string programs, bool asSystemUser)
    {
        _folder = folder;
        _programs = programs;
        _asSystemUser = asSystemUser;
    }

    /// <summary>The superuser.</summary>
    public string User { get; } = "kedro";

    /// <summary>The superuser's random password.</summary>
    public string Password { get; } = RandomNumberGenerator.GetHexString(32, lowercase: true);

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    private string DataFolder => Path.Combine(_folder, "data");

    private string LogFile => Path.Combine(_folder, "server.log");

    /// <summary>Creates the cluster, starts it and waits until it accepts logins.</summary>
    public static LocalCluster Start()
    {
        var programs = PostgresPrograms.FindOrInstall();
        var asSystemUser = Environment.IsPrivilegedProcess;
        if (asSystemUser && !Command.Succeeds("id", "-u", SystemUser))
        {
            throw new InvalidOperationException(
                $"The tests run as root, but PostgreSQL refuses to run as root and the system user '{SystemUser}' that Debian's " +
                "'postgresql' package creates does not exist. Reinstall the package (apt-get install --reinstall postgresql-common), " +
                $"run the tests as another user, or set {PostgresServer.UrlVariable} to a server's URL.");
        }

        var folder = Directory.CreateTempSubdirectory("kedro-postgres-").FullName;
        var cluster = new LocalCluster(folder, programs, asSystemUser);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        cluster.StartWatchdog();
        try
        {
            cluster.Initialize();
            cluster.Run();
            return cluster;
        }
        catch
        {
            cluster.Stop();
            throw;
        }
    }

    private void StartWatchdog()
    {
        // The watchdog leaves this process's tree and session (a background child of a shell that exits at once, in
        // a new session) so that whoever kills the test process and its children does not kill it too.
        var started = Command.Run("/bin/sh", [
            "-c", "setsid /bin/sh -c \"$1\" kedro-postgres-watchdog \"$2\" \"$3\" </dev/null >/dev/null 2>&1 &",
            "sh", WatchdogScript, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), _folder,
        ]);
        if (!started.Succeeded)
        {
            throw new InvalidOperationException("The watchdog that stops the test PostgreSQL server did not start: " + started.Describe());
        }
    }

    private void Initialize()
    {
        var passwordFile = Path.Combine(_folder, "password");
        File.WriteAllText(passwordFile, Password + "\n");
        if (_asSystemUser)
        {
            Require(Command.Run("chown", ["-R", SystemUser + ":", _folder]), "giving the cluster's folder to the 'postgres' user");
        }

        Require(RunProgram("initdb", [
            "-D", DataFolder, "-U", User, "--pwfile=" + passwordFile, "--auth=scram-sha-256",
            "-E", "UTF8", "--locale=C", "--no-sync",
        ]), "creating the cluster");
        File.Delete(passwordFile);

        // Settings for a disposable test server: TCP on 127.0.0.1 only, the socket in the private folder, no
        // durability (the data is thrown away anyway). Hangfire's workers keep pooled connections open (a test process
        // may host several workers and drivers, each with its own pool), so more than the default 100 are allowed.
        File.AppendAllText(Path.Combine(DataFolder, "postgresql.conf"), $"""

            listen_addresses = '127.0.0.1'
            max_connections = 500
            unix_socket_directories = '{_folder.Replace("'", "''", StringComparison.Ordinal)}'
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            """);
    }

    private void Run()
    {
        // A free port may be taken by someone else before the server binds it: then try another.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var start = RunProgram("pg_ctl", ["start", "-D", DataFolder, "-l", LogFile, "-w", "-t", "60", "-s", "-o", "-p " + Port]);
            if (start.Succeeded)
            {
                break;
            }

            if (attempt < 3 && ReadLog().Contains("could not bind", StringComparison.Ordinal))
            {
                continue;
            }

            Require(start, "starting the server");
        }

        WaitForLogin();
    }

    private void WaitForLogin()
    {
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = User,
            Password = Password,
            Database = "postgres",
            Pooling = false,
        }.ConnectionString;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = new NpgsqlConnection(connectionString);
                connection.Open();
                return;
            }
            catch (NpgsqlException) when (attempt < 50)
            {
                Thread.Sleep(200);
            }
            catch (NpgsqlException e)
            {
                throw Failure("logging in to the started server", e.Message);
            }
        }
    }

    /// <summary>Stops the server and deletes the folder; does nothing the second time.</summary>
    private void Stop()
    {
        if (Directory.Exists(_folder))
        {
            Command.Run("/bin/sh", ["-c", StopScript, "kedro-postgres-stop", _folder]);
        }
    }

    private Command.Result RunProgram(string program, IEnumerable<string> arguments)
    {
        var path = Path.Combine(_programs, program);
        return _asSystemUser
            ? Command.Run("runuser", ["-u", SystemUser, "--", path, .. arguments], _folder)
            : Command.Run(path, arguments, _folder);
    }

    private void Require(Command.Result result, string step)
    {
        if (!result.Succeeded)
        {
            throw Failure(step, result.Describe());
        }
    }

    private InvalidOperationException Failure(string step, string details)
    {
        var log = ReadLog();
        return new InvalidOperationException(
            $"The test PostgreSQL server in '{_folder}' failed while {step}: {details}" +
            (log.Length == 0 ? "" : $"{Environment.NewLine}Last lines of its log '{LogFile}':{Environment.NewLine}{Command.Tail(log, 30)}") +
            $"{Environment.NewLine}Set {PostgresServer.UrlVariable} to postgresql://user:password@host:port/postgres to use another server.");
    }

    private string ReadLog()
    {
        try
        {
            return File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
