/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmdtab.h - THE command table: one row per command of the language.
 *
 *   X(KIND, word, usage, args, help, call, flags, parse, exec, explain,
 *     export, errnos)
 *
 * KIND     CMD_<KIND> in enum cmd_kind
 * word     what a line starts with
 * usage    the one-line usage, in errors and help
 * args     what each operand is, for completion (complete.h): words apart,
 *          each one of
 *            w1|w2|...  one of these fixed words
 *            <kind>     an operand of a kind: sock (a socket's id or name),
 *                       proc (a process), name (a new name), addr
 *                       (ADDR[:PORT]), host (an address without port),
 *                       opt (an option), val (the option's value), state
 *                       (as ss spells it), dur (300ms, 2s), num (a
 *                       number), data ("TEXT" or N), text (the rest of the
 *                       line), end (a socket or ADDR:PORT), flags (TCP
 *                       flags: SYN+ACK), sysctl (a net.* sysctl's name),
 *                       path (a unix socket's file)
 *            [ ... ]    optional
 *            ... | ...  either (| as a word of its own)
 *          and "=> ok|ERRNO" after them when flags has CF_EXPECT
 * help     what it does, in one line (the TUI's help screen)
 * call     the C call it makes, for what an errno means ("setsockopt"
 *          for join); "" for commands that make none
 * flags    CF_* below
 * parse    int parse(struct parser *): its operands, with the parser's
 *          helpers in command.c (a command whose operands are another's
 *          names that one's: getsockname uses close's); cmdp_none for
 *          CF_TEXT commands
 * exec     enum result_kind exec(struct stage *, const struct command *,
 *          struct result *): runs it (stage_int.h); cmdx_none for what
 *          front-ends do themselves
 * explain  void explain(struct stage *, struct result *): after a
 *          failure, what the kernel shows about it and what would have
 *          worked (whatif.h); cmde_none
 * export   int export(struct export *, const struct command *,
 *          const struct xstep *): its part of the C program (a step's
 *          body, or a comment for CF_NOTE commands; export_int.h)
 * errnos   the plausible failures, likeliest first, for predict mode:
 *          ERRNOS(E1, E2, ...)
 *
 * Each file expands the columns it owns (command.c the syntax, exec.c the
 * execution, ...), so the table costs no dependency between them. A new
 * command is one row here plus its functions in one file. */
#ifndef SOCKSTAGE_CMDTAB_H
#define SOCKSTAGE_CMDTAB_H

#include <errno.h>

enum cmd_flag {
	CF_CALL = 1 << 0,	/* a call: the transcript prints its outcome */
	CF_EXPECT = 1 << 1,	/* may end with "=> ok|ERRNO" */
	CF_FRONT = 1 << 2,	/* a front-end matter (say, pause, show...) */
	CF_PROC = 1 << 3,	/* its operand names a process */
	CF_TEXT = 1 << 4,	/* the rest of the line is TEXT */
	CF_HEADER = 1 << 5,	/* a lesson's header (title, about) */
	CF_KERNEL = 1 << 6,	/* looks at the kernel view (expect, wait) */
	CF_QUIET = 1 << 7,	/* a transcript does not repeat the line */
	CF_SOCK = 1 << 8,	/* its operand names a socket */
	CF_NOTE = 1 << 9,	/* the C export makes it no step: a comment (or
				   refuses the script: host, wire) */
	CF_CONTROL = 1 << 10,	/* the C export runs it in a controlling
				   process (spawn, wait) */
	CF_ENDS = 1 << 11,	/* it ends a process (exit, kill) */
};

#define ERRNOS(...) ((const int[]){ __VA_ARGS__, 0 })
#define NO_ERRNOS ((const int[]){ EINVAL, EADDRINUSE, 0 })

#define CMD_TABLE(X) \
	X(SOCKET, "socket", \
	  "socket tcp|udp [4|6] [as NAME] | socket unix stream|dgram|seqpacket " \
	  "[as NAME]", \
	  "tcp|udp [4|6] [as <name>] | unix stream|dgram|seqpacket [as <name>]", \
	  "create a socket (default family 4; unix: a UNIX-domain one)", \
	  "socket", \
	  CF_CALL | CF_EXPECT, \
	  cmdp_socket, cmdx_socket, cmde_none, cmdg_socket, \
	  NO_ERRNOS) \
	X(SET, "set", "set SOCK OPTION [VALUE]", \
	  "<sock> <opt> [<val>]", \
	  "setsockopt: the options are listed below", "setsockopt", \
	  CF_CALL | CF_EXPECT | CF_SOCK, \
	  cmdp_set, cmdx_set, cmde_none, cmdg_set, \
	  NO_ERRNOS) \
	X(BIND, "bind", "bind SOCK ADDR[:PORT] | PATH | @NAME", \
	  "<sock> <addr>", \
	  "bind to 127.0.0.1, [::1], *, 0.0.0.0, [::], localhost; " \
	  "port 0 or none: the kernel picks; a unix socket: a PATH (relative: " \
	  "in the stage's own directory) or @NAME (abstract)", "bind", \
	  CF_CALL | CF_EXPECT | CF_SOCK, \
	  cmdp_bind, cmdx_bind, cmde_bind, cmdg_bind, \
	  ERRNOS(EADDRINUSE, EADDRNOTAVAIL, EACCES)) \
	X(LISTEN, "listen", "listen SOCK [BACKLOG]", \
	  "<sock> [<num>]", \
	  "listen (default backlog 4096)", "listen", \
	  CF_CALL | CF_EXPECT | CF_SOCK, \
	  cmdp_listen, cmdx_listen, cmde_listen, cmdg_listen, \
	  ERRNOS(EADDRINUSE, EINVAL, EOPNOTSUPP)) \
	X(CONNECT, "connect", "connect SOCK ADDR:PORT | PATH | @NAME", \
	  "<sock> <addr>", \
	  "connect; the outcome arrives in the log", "connect", \
	  CF_CALL | CF_EXPECT | CF_SOCK, \
	  cmdp_connect, cmdx_connect, cmde_connect, cmdg_connect, \
	  ERRNOS(ECONNREFUSED, EADDRNOTAVAIL, EINPROGRESS)) \
	X(ACCEPT, "accept", "accept SOCK [as NAME]", \
	  "<sock> [as <name>]", \
	  "accept a connection: a new socket, or EAGAIN", "accept", \
	  CF_CALL | CF_EXPECT | CF_SOCK, \
	  cmdp_accept, cmdx_accept, cmde_none, cmdg_accept, \
	  ERRNOS(EAGAIN, EINVAL)) \
	X(SEND, "send", "send SOCK \"TEXT\"|N", \
	  "<sock> <data>", \
	  "send TEXT in quotes, or N filler bytes", "send", \
	  CF_CALL | CF_EXPECT | CF_SOCK, \
	  cmdp_send, cmdx_send, cmde_reset, cmdg_send, \
	  ERRNOS(EPIPE, ECONNRESET, EAGAIN)) \
	X(SENDTO, "sendto", "sendto SOCK ADDR:PORT|PATH|@NAME \"TEXT\"|N", \
	  "<sock> <addr> <data>", \
	  "send a datagram to an address", "sendto", \
	  CF_CALL | CF_EXPECT | CF_SOCK, \
	  cmdp_sendto, cmdx_send, cmde_reset, cmdg_send, \
	  ERRNOS(EPIPE, ECONNRESET, EAGAIN)) \
	X(RECV, "recv", "recv SOCK [MAX]", \
	  "<sock> [<num>]", \
	  "receive: shows the data (and the sender, for UDP)", "recv", \
	  CF_CALL | CF_EXPECT | CF_SOCK, \
	  cmdp_recv, cmdx_recv, cmde_reset, cmdg_recv, \
	  ERRNOS(ECONNRESET, EAGAIN, ENOTCONN)) \
	X(SHUTDOWN, "shutdown", "shutdown SOCK rd|wr|rdwr", \
	  "<sock> rd|wr|rdwr", \
	  "shut down reading, writing or both", "shutdown", \
	  CF_CALL | CF_EXPECT | CF_SOCK, \
	  cmdp_shutdown, cmdx_shutdown, cmde_none, cmdg_shutdown, \
	  NO_ERRNOS) \
	X(CLOSE, "close", "close SOCK", \
	  "<sock>", \
	  "close the socket in the current process", "close", \
	  CF_CALL | CF_EXPECT | CF_SOCK, \
	  cmdp_sock_only, cmdx_close, cmde_none, cmdg_close, \
	  NO_ERRNOS) \
	X(GETSOCKNAME, "getsockname", "getsockname SOCK", \
	  "<sock>", \
	  "the address the kernel gave the socket", "getsockname", \
	  CF_CALL | CF_EXPECT | CF_SOCK, \
	  cmdp_sock_only, cmdx_getsockname, cmde_none, cmdg_getsockname, \
	  NO_ERRNOS) \
	X(GETPEERNAME, "getpeername", "getpeername SOCK", \
	  "<sock>", \
	  "the address it is connected to (ENOTCONN: none)", "getpeername", \
	  CF_CALL | CF_EXPECT | CF_SOCK, \
	  cmdp_sock_only, cmdx_getpeername, cmde_none, cmdg_getpeername, \
	  ERRNOS(ENOTCONN)) \
	X(SOCKETPAIR, "socketpair", "socketpair stream|dgram|seqpacket as A B", \
	  "stream|dgram|seqpacket as <name> <name>", \
	  "two connected unix sockets, both held by the current process", \
	  "socketpair", \
	  CF_CALL | CF_EXPECT, \
	  cmdp_socketpair, cmdx_socketpair, cmde_none, cmdg_socketpair, \
	  ERRNOS(EMFILE, EOPNOTSUPP)) \
	X(SENDFD, "sendfd", "sendfd SOCK SOCK2", \
	  "<sock> <sock>", \
	  "pass SOCK2 over the unix socket SOCK (SCM_RIGHTS, with one byte)", \
	  "sendmsg", \
	  CF_CALL | CF_EXPECT | CF_SOCK, \
	  cmdp_sendfd, cmdx_sendfd, cmde_none, cmdg_sendfd, \
	  ERRNOS(ENOTCONN, EPIPE, EAGAIN)) \
	X(RECVFD, "recvfd", "recvfd SOCK [as NAME]", \
	  "<sock> [as <name>]", \
	  "receive a socket passed over SOCK: this process holds it too", \
	  "recvmsg", \
	  CF_CALL | CF_EXPECT | CF_SOCK, \
	  cmdp_accept, cmdx_recvfd, cmde_none, cmdg_recvfd, \
	  ERRNOS(EAGAIN, ENOTCONN)) \
	X(UNLINK, "unlink", "unlink PATH", \
	  "<path>", \
	  "remove a unix socket's file (relative: in the stage's directory)", \
	  "unlink", \
	  CF_CALL | CF_EXPECT, \
	  cmdp_unlink, cmdx_unlink, cmde_none, cmdg_unlink, \
	  ERRNOS(ENOENT, EACCES)) \
	X(JOIN, "join", "join SOCK GROUP [IFADDR]", \
	  "<sock> <host> [<host>]", \
	  "join an IPv4 multicast group", "setsockopt", \
	  CF_CALL | CF_EXPECT | CF_SOCK, \
	  cmdp_join, cmdx_join, cmde_none, cmdg_join, \
	  NO_ERRNOS) \
	X(LEAVE, "leave", "leave SOCK GROUP [IFADDR]", \
	  "<sock> <host> [<host>]", \
	  "leave an IPv4 multicast group", "setsockopt", \
	  CF_CALL | CF_EXPECT | CF_SOCK, \
	  cmdp_join, cmdx_join, cmde_none, cmdg_join, \
	  NO_ERRNOS) \
	X(SPAWN, "spawn", "spawn NAME [on HOST] [uid N [gid G]]", \
	  "<name> [on <hostname>] [uid <num> [gid <num>]]", \
	  "a new empty process (on a host; as another uid: needs root)", \
	  "spawn", \
	  CF_CALL | CF_EXPECT | CF_CONTROL, \
	  cmdp_spawn, cmdx_spawn, cmde_none, cmdg_spawn, \
	  NO_ERRNOS) \
	X(FORK, "fork", "fork PROC [as NAME]", \
	  "<proc> [as <name>]", \
	  "fork: the child holds the same sockets", "fork", \
	  CF_CALL | CF_EXPECT | CF_PROC, \
	  cmdp_fork, cmdx_fork, cmde_none, cmdg_fork, \
	  NO_ERRNOS) \
	X(EXIT, "exit", "exit PROC", \
	  "<proc>", \
	  "the process exits; the kernel closes its descriptors", "exit", \
	  CF_CALL | CF_EXPECT | CF_PROC | CF_ENDS, \
	  cmdp_proc_only, cmdx_exit, cmde_none, cmdg_end, \
	  NO_ERRNOS) \
	X(KILL, "kill", "kill PROC", \
	  "<proc>", \
	  "SIGKILL the process: 'the server crashed'", "kill", \
	  CF_CALL | CF_EXPECT | CF_PROC | CF_ENDS, \
	  cmdp_proc_only, cmdx_exit, cmde_none, cmdg_end, \
	  NO_ERRNOS) \
	X(USE, "use", "use PROC", \
	  "<proc>", \
	  "make PROC the current process", "", \
	  CF_CALL | CF_PROC, \
	  cmdp_proc_only, cmdx_use, cmde_none, cmdg_use, \
	  NO_ERRNOS) \
	X(SYSCTL, "sysctl", "sysctl [HOST] NAME [VALUE]", \
	  "[<hostname>] <sysctl> [<text>]", \
	  "(a sandbox) read or set a network namespace's sysctl", "sysctl", \
	  CF_CALL | CF_EXPECT, \
	  cmdp_sysctl, cmdx_sysctl, cmde_none, cmdg_sysctl, \
	  ERRNOS(EINVAL, EACCES)) \
	X(HOST, "host", "host NAME [ADDR[/PREFIX]]...", \
	  "<name> [<text>]", \
	  "(a sandbox) a new machine on the stage's wire (10.0.0.N/24)", \
	  "host", \
	  CF_CALL | CF_EXPECT | CF_NOTE, \
	  cmdp_host, cmdx_host, cmde_none, cmdg_host, \
	  ERRNOS(EADDRINUSE, EACCES)) \
	X(WIRE, "wire", "wire [hold|release|step [N]|delay DURATION|" \
	  "drop next [N] [FLAGS]|drop P% [seed N]|dup next [N]|down|up|" \
	  "unknown icmp|drop]", \
	  "[hold | release | step [<num>] | delay <dur> | drop next [<num>] " \
	  "[<flags>] | drop <num> [seed <num>] | dup next [<num>] | down | up " \
	  "| unknown icmp|drop]", \
	  "the wire between hosts: its state, or hold, slow, drop, " \
	  "duplicate, unplug it", "", \
	  CF_CALL | CF_NOTE, \
	  cmdp_wire, cmdx_wire, cmde_none, cmdg_host, \
	  NO_ERRNOS) \
	X(SHOW, "show", "show [HOST | SOCK | wire]", \
	  "[<hostname> | <sock> | wire]", \
	  "(scripts) print the kernel view (of a host), a socket's details " \
	  "(ss -tiem), or the wire's ladder so far", "", \
	  CF_FRONT | CF_KERNEL | CF_NOTE, \
	  cmdp_show, cmdx_none, cmde_none, cmdg_view, \
	  NO_ERRNOS) \
	X(SAY, "say", "say TEXT", \
	  "<text>", \
	  "(lessons) narration", "", \
	  CF_FRONT | CF_TEXT | CF_QUIET | CF_NOTE, \
	  cmdp_none, cmdx_none, cmde_none, cmdg_say, \
	  NO_ERRNOS) \
	X(PAUSE, "pause", "pause", \
	  "", \
	  "(lessons) the end of a step", "", \
	  CF_FRONT | CF_QUIET | CF_NOTE, \
	  cmdp_noargs, cmdx_none, cmde_none, cmdg_pause, \
	  NO_ERRNOS) \
	X(WAIT, "wait", "wait DURATION | wait SOCK STATE [TIMEOUT]", \
	  "<dur> | <sock> <state> [<dur>]", \
	  "(scripts) wait a while, or for a socket's state (a connect under " \
	  "way that fails ends it with the connect's error)", "", \
	  CF_CALL | CF_KERNEL | CF_CONTROL | CF_EXPECT, \
	  cmdp_wait, cmdx_wait, cmde_connect, cmdg_wait, \
	  ERRNOS(ETIMEDOUT, ECONNREFUSED, EHOSTUNREACH)) \
	X(EXPECT, "expect", "expect [on HOST] [no] [tcp|udp] STATE ADDR:PORT " \
	  "[PEER] | expect [no] segment FROM -> TO FLAGS", \
	  "[on <hostname>] [no] [tcp|udp] <state> <addr> [<addr>] | " \
	  "[no] segment <end> -> <end> <flags>", \
	  "assert that the kernel shows (or not) a state on ADDR:PORT, or " \
	  "that a segment crossed the wire since the last call", "", \
	  CF_CALL | CF_KERNEL | CF_NOTE, \
	  cmdp_expect, cmdx_expect, cmde_none, cmdg_view, \
	  NO_ERRNOS) \
	X(TITLE, "title", "title TEXT", \
	  "<text>", \
	  "(lessons) the lesson's title", "", \
	  CF_FRONT | CF_TEXT | CF_HEADER | CF_QUIET | CF_NOTE, \
	  cmdp_none, cmdx_none, cmde_none, cmdg_header, \
	  NO_ERRNOS) \
	X(ABOUT, "about", "about TEXT", \
	  "<text>", \
	  "(lessons) what the lesson shows", "", \
	  CF_FRONT | CF_TEXT | CF_HEADER | CF_QUIET | CF_NOTE, \
	  cmdp_none, cmdx_none, cmde_none, cmdg_header, \
	  NO_ERRNOS)

#endif
