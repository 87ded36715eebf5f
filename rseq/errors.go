package rseq

import "errors"

// Reasons a task gets SIGSEGV from rseq. Every non-nil error the package
// returns from the exit, signal, slice and debug hooks is one of them, for the
// caller's one-line log; the caller forces SIGSEGV for all of them.
var (
	// ErrFault: the area, the descriptor or the signature could not be
	// accessed.
	ErrFault = errors.New("rseq: user access failed")
	// ErrCSAddr: rseq_cs points outside user space.
	ErrCSAddr = errors.New("rseq: rseq_cs outside user space")
	// ErrCSVersion: rseq_cs.version is not 0.
	ErrCSVersion = errors.New("rseq: rseq_cs version not 0")
	// ErrCSFlags: rseq_cs.flags is not 0 (bits 0-2 are the deprecated
	// NO_RESTART_ON_* flags, the rest undefined).
	ErrCSFlags = errors.New("rseq: rseq_cs flags not 0")
	// ErrCSRange: start_ip or start_ip+post_commit_offset is outside
	// user space or wraps around.
	ErrCSRange = errors.New("rseq: critical section outside user space")
	// ErrAbortIP: abort_ip is outside user space, below 4, or inside
	// the critical section.
	ErrAbortIP = errors.New("rseq: abort_ip invalid")
	// ErrSignature: the 4 bytes before abort_ip are not the registered
	// signature.
	ErrSignature = errors.New("rseq: signature mismatch before abort_ip")
	// ErrSyscallInCS: a system call was issued inside a critical
	// section (checked with the rseqdebug build tag only).
	ErrSyscallInCS = errors.New("rseq: syscall inside critical section")
	// ErrSliceFlags: user space cleared the slice extension bits the
	// kernel keeps in the area's flags.
	ErrSliceFlags = errors.New("rseq: slice extension flags changed " +
		"by user space")
)
