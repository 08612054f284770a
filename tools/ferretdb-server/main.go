// Command ferretdb-server runs FerretDB (a MongoDB-wire-compatible server) with its SQLite backend, or
// with its PostgreSQL backend when --postgresql-url is given.
//
// It exists because machines without internet access cannot download a real mongod: the Go module
// proxy can still deliver FerretDB as a library, and this tiny main embeds it. The application never
// depends on it: it only speaks the MongoDB wire protocol through mongoose.
package main

import (
	"context"
	_ "embed"
	"flag"
	"fmt"
	"log/slog"
	neturl "net/url"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"github.com/jackc/pgx/v5"
)

// setupPostgreSQL makes FerretDB's equality filters use indexes; the file says how and why.
//
//go:embed setup-postgresql.sql
var setupPostgreSQL string

// preparePostgreSQL runs setup-postgresql.sql in one transaction (simple protocol: several statements)
// and returns the server's max_connections (see poolURL).
func preparePostgreSQL(url string) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// A plain connection would send pool_* parameters to the server as settings, which it refuses.
	conn, err := pgx.Connect(ctx, withoutPoolParams(url))
	if err != nil {
		return 0, err
	}
	defer conn.Close(ctx)
	if _, err = conn.PgConn().Exec(ctx, "BEGIN;\n"+setupPostgreSQL+"\nCOMMIT;").ReadAll(); err != nil {
		return 0, err
	}
	var maxConnections int
	err = conn.QueryRow(ctx, "SELECT current_setting('max_connections')::int").Scan(&maxConnections)
	return maxConnections, err
}

// withoutPoolParams is url without the pgxpool-only parameters (pool_max_conns and the like). A
// keyword/value string (`host=… dbname=…`) is left as it is: only the URL form carries them here.
func withoutPoolParams(raw string) string {
	u, err := neturl.Parse(raw)
	if err != nil || !strings.Contains(raw, "://") {
		return raw
	}
	q := u.Query()
	for k := range q {
		if strings.HasPrefix(k, "pool_") {
			q.Del(k)
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// poolURL makes FerretDB's connection pool larger than the server's max_connections, unless the URL sets
// pool_max_conns itself.
//
// Why: FerretDB 1.24 answers an update by keeping its query's connection open (the matching documents are
// read through a cursor) while the write's transaction takes a second one from the same pool. When as
// many updates are in flight as the pool has connections (FerretDB's default is 50), each holds one and
// waits for another, and nothing frees one: the server stops answering every client, PostgreSQL idle (a
// goroutine dump shows every pool user waiting in pgxpool's Acquire, 50 of them inside
// UpdateAll under an open Query). A pool the server can never fill has no such wait: pgxpool waits for a
// released connection only when it holds pool_max_conns of them, and PostgreSQL refuses a connection
// beyond max_connections at once (that command fails, the others go on), however many operations the
// clients have in flight. A pool sized to the server's connections less a few would still deadlock
// once that many updates were in flight.
func poolURL(raw string, maxConnections int) string {
	u, err := neturl.Parse(raw)
	if err != nil || !strings.Contains(raw, "://") {
		return raw
	}
	q := u.Query()
	if q.Has("pool_max_conns") {
		return raw
	}
	q.Set("pool_max_conns", strconv.Itoa(maxConnections+1))
	// Connections a burst opened are closed after a minute idle, not pgx's default half hour: the pool may
	// now open hundreds, each a PostgreSQL process. (FerretDB 1.24 sets this to 1m whenever it is present.)
	if !q.Has("pool_max_conn_idle_time") {
		q.Set("pool_max_conn_idle_time", "1m")
	}
	u.RawQuery = q.Encode()
	return u.String()
}

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dataDir := flag.String("data-dir", "", "directory for the SQLite files (required without --postgresql-url)")
	postgresURL := flag.String("postgresql-url", "", "store the data in this PostgreSQL database instead of SQLite, e.g. postgres://127.0.0.1:5432/ferretdb")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	if *dataDir == "" && *postgresURL == "" {
		fmt.Fprintln(os.Stderr, "ferretdb-server: --data-dir or --postgresql-url is required")
		os.Exit(2)
	}
	if *postgresURL == "" {
		if err := os.MkdirAll(*dataDir, 0o755); err != nil {
			fmt.Fprintf(os.Stderr, "ferretdb-server: cannot create %s: %v\n", *dataDir, err)
			os.Exit(1)
		}
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb-server: bad --log-level: %v\n", err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	config := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Logger:   logger,
	}
	if *postgresURL != "" {
		maxConnections, err := preparePostgreSQL(*postgresURL)
		if err != nil {
			fmt.Fprintf(os.Stderr, "ferretdb-server: preparing PostgreSQL: %v\n", err)
			os.Exit(1)
		}
		// PostgreSQL takes concurrent writers and evaluates simple equality filters itself (through the
		// GIN indexes set up above); SQLite serialises every write and leaves all but _id look-ups to
		// FerretDB's own scan.
		config.Handler = "postgresql"
		config.PostgreSQLURL = poolURL(*postgresURL, maxConnections)
	} else {
		// SQLite URIs name a directory and must end with a slash. FerretDB runs SQLite in WAL mode;
		// synchronous=NORMAL makes a commit durable against a crash of any process (the WAL is fsynced
		// at checkpoints, not on every commit), the same promise as mongod's default write concern
		// (acknowledged in memory, journal flushed every 100 ms). With FULL, every small write waits
		// for an fsync while holding SQLite's single write lock.
		config.Handler = "sqlite"
		config.SQLiteURL = "file:" + *dataDir + "/?_pragma=synchronous(normal)"
	}
	f, err := ferretdb.New(config)
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb-server: %v\n", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	done := make(chan struct{})
	go func() {
		_ = f.Run(ctx)
		close(done)
	}()

	// The parent process waits for this line to learn that the server is accepting connections.
	fmt.Printf("ferretdb-server ready %s\n", f.MongoDBURI())
	<-done
}
