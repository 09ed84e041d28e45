/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_worker.c - the stage's side of the worker protocol against a fake
 * worker: the test holds the other end of the channel and answers (or
 * does not) itself.
 *
 * A request nobody answers ends after WORKER_ANSWER_MS with
 * WORKER_NO_ANSWER; at once when the kernel says the worker is stopped; at
 * once when the idle hook gives up. Its answer, when it comes late, is set
 * aside (never taken for a later request's), and a descriptor it made is
 * closed with a request of its own, whose answer is set aside too. An
 * answer nobody asked for is kept for worker_next. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"
#include "util.h"
#include "worker.h"

static int peer;	/* the fake worker's end */

static void fake_worker(struct worker *w, pid_t pid)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		perror("socketpair");
		exit(99);
	}
	memset(w, 0, sizeof(*w));
	w->pid = pid;
	w->chan = sv[0];
	peer = sv[1];
}

static void end_fake(struct worker *w)
{
	w->pid = -1;		/* nothing to kill or reap */
	worker_stop(w, 0);
	close(peer);
}

/* The next request the stage sent, as the worker reads it. */
static int read_req(struct worker_req *rq)
{
	unsigned char buf[sizeof(*rq) + WORKER_MAX_DATA];
	ssize_t n = recv(peer, buf, sizeof(buf), MSG_DONTWAIT);

	if (n < (ssize_t)sizeof(*rq))
		return -1;
	memcpy(rq, buf, sizeof(*rq));
	return 0;
}

static void answer(uint32_t seq, int ret, int fd)
{
	struct worker_rep rep = { .seq = seq, .ret = ret, .fd = fd };

	if (send(peer, &rep, sizeof(rep), 0) != (ssize_t)sizeof(rep)) {
		perror("send");
		exit(99);
	}
}

static void req_of(struct worker_req *rq, enum worker_op op, int fd)
{
	memset(rq, 0, sizeof(*rq));
	rq->op = op;
	rq->fd = fd;
	rq->nbytes = -1;
}

static void no_answer_in_time(void)
{
	struct worker w;
	struct worker_req rq, seen;
	struct worker_rep rep;
	char err[128] = "";
	long long t0, ms;
	int rc;

	fake_worker(&w, getpid());	/* running: never "stopped" */
	req_of(&rq, WOP_BIND, 5);
	t0 = now_ms();
	rc = worker_call(&w, &rq, NULL, &rep, NULL, 0, err, sizeof(err));
	ms = now_ms() - t0;
	tap_is_int(rc, WORKER_NO_ANSWER, "no answer: WORKER_NO_ANSWER");
	tap_ok(ms >= WORKER_ANSWER_MS && ms < WORKER_ANSWER_MS + 1000,
	       "after the deadline, %d ms (took %lld ms)", WORKER_ANSWER_MS, ms);
	tap_ok(strstr(err, "does not answer") != NULL, "the message: %s", err);
	tap_ok(read_req(&seen) == 0 && seen.op == WOP_BIND, "the request was sent");

	/* the late answer (as if it had made descriptor 7), then the answer
	 * to the next request: the call gets its own */
	answer(seen.seq, 0, 7);
	answer(seen.seq + 1, 42, -1);
	req_of(&rq, WOP_LISTEN, 5);
	rc = worker_call(&w, &rq, NULL, &rep, NULL, 0, err, sizeof(err));
	tap_is_int(rc, 0, "the next call succeeds");
	tap_is_int(rep.seq, rq.seq, "with its own answer");
	tap_is_int(rep.ret, 42, "not the late one");
	tap_is_int(w.late, 1, "the late answer is counted");
	tap_ok(read_req(&seen) == 0 && seen.op == WOP_LISTEN, "the listen went out");
	tap_ok(read_req(&seen) == 0 && seen.op == WOP_CLOSE && seen.fd == 7,
	       "the descriptor the late answer made is closed");

	/* the close's own answer is set aside; an unasked one is kept */
	answer(seen.seq, 0, -1);
	answer(4000, 1, -1);
	tap_is_int(worker_next(&w, &rep), 1, "worker_next: an answer nobody asked for");
	tap_is_int(rep.seq, 4000, "is the unasked one, not the close's");
	tap_is_int(w.late, 2, "the close's answer was set aside");
	tap_is_int(worker_next(&w, &rep), 0, "then nothing");
	end_fake(&w);
}

static void stopped_worker(void)
{
	struct worker w;
	struct worker_req rq;
	struct worker_rep rep;
	char err[128];
	long long t0, ms;
	pid_t child = fork();
	int rc;

	if (child == 0) {
		alarm(60);
		for (;;)
			pause();
	}
	kill(child, SIGSTOP);
	waitpid(child, NULL, WUNTRACED);
	fake_worker(&w, child);
	tap_ok(worker_stopped(&w), "worker_stopped: the kernel says so");
	req_of(&rq, WOP_STATUS, 3);
	t0 = now_ms();
	rc = worker_call(&w, &rq, NULL, &rep, NULL, 0, err, sizeof(err));
	ms = now_ms() - t0;
	tap_is_int(rc, WORKER_NO_ANSWER, "a stopped worker does not answer");
	tap_ok(ms < 1000, "noticed at once (%lld ms)", ms);
	kill(child, SIGCONT);
	tap_ok(!worker_stopped(&w) || (usleep(100000), !worker_stopped(&w)),
	       "continued: not stopped");
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	end_fake(&w);
}

static int idle_calls;

static bool give_up_third(void *ctx)
{
	(void)ctx;
	return ++idle_calls == 3;
}

static void idle_gives_up(void)
{
	struct worker w;
	struct worker_req rq, seen;
	struct worker_rep rep;
	char err[128];
	int rc;

	fake_worker(&w, getpid());
	w.idle = give_up_third;
	req_of(&rq, WOP_ACCEPT, 4);
	rc = worker_call(&w, &rq, NULL, &rep, NULL, 0, err, sizeof(err));
	tap_is_int(rc, WORKER_INTERRUPTED, "the idle hook gives the wait up");
	tap_is_int(idle_calls, 3, "after its third call");
	tap_ok(read_req(&seen) == 0, "the request went out");
	answer(seen.seq, 9, 9);		/* the accept happened after all */
	tap_is_int(worker_next(&w, &rep), 0, "its answer is set aside");
	tap_ok(read_req(&seen) == 0 && seen.op == WOP_CLOSE && seen.fd == 9,
	       "and the accepted descriptor closed");
	end_fake(&w);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	no_answer_in_time();
	stopped_worker();
	idle_gives_up();
	return tap_done();
}
