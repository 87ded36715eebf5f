package kernel

import (
	"encoding/binary"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// maxInsnLen is the longest x86 instruction; one A64 instruction is 4.
const maxInsnLen = 15

// ReportFault turns a user fault that ends in a signal into that signal:
// the architecture maps the trap (Arch.Fault), one log line names the
// task, signal, IP, address, si_code and the faulting instruction, and
// the signal is forced on the task (force_sig_fault; Linux's
// show_unhandled_signals line, always on here). The run loop calls it for
// every TrapFault that mm.HandleFault did not resolve, or that is not a
// memory fault at all; the task dies at its next DeliverSignal unless a
// handler takes the signal.
func (t *Task) ReportFault(tr Trap) {
	sig, code, addr := t.Arch.Fault(tr, t.Ctx.Regs())
	t.report(sig, code, addr)
}

// ReportMemFault is ReportFault for a page fault mm.HandleFault refused:
// its si_code (SEGV_MAPERR without a mapping, SEGV_ACCERR with one that
// forbids the access) replaces the one the architecture derives from the
// hardware error code, as Linux's fault handlers decide from the VMA.
func (t *Task) ReportMemFault(tr Trap, code int) {
	sig, _, addr := t.Arch.Fault(tr, t.Ctx.Regs())
	t.report(sig, code, addr)
}

// report logs the fault line and forces the signal.
func (t *Task) report(sig abi.Signal, code int, addr uint64) {
	ip := t.Ctx.Regs().InstructionPointer()
	t.k.Logf("task %d (%s): %v at ip %#x addr %#x code %s: %s", t.TID,
		t.Name, sig, ip, addr, abi.SigCodeName(sig, code),
		t.instructionAt(ip))
	t.traceFault()
	t.ForceSignalFault(sig, code, addr)
}

// instructionAt disassembles the instruction at ip, reading up to 15
// bytes and fewer where the mapping ends; "<unreadable>" if none can be
// read.
func (t *Task) instructionAt(ip uint64) string {
	buf := make([]byte, maxInsnLen)
	first := min(abi.PageSize-ip%abi.PageSize, maxInsnLen)
	if t.MM == nil || t.MM.CopyIn(ip, buf[:first]) != nil {
		return "<unreadable>"
	}
	n := first
	if first < maxInsnLen && t.MM.CopyIn(ip+first, buf[first:]) == nil {
		n = maxInsnLen
	}
	return t.Arch.Disassemble(buf[:n], ip)
}

// traceFault logs, in trace mode, what a fault report line leaves out:
// the register file and the words at the top of the user stack.
func (t *Task) traceFault() {
	if !t.k.Trace {
		return
	}
	t.k.Logf("task %d (%s): regs %+v", t.TID, t.Name, t.Ctx.Regs())

	sp := t.Ctx.Regs().StackPointer()
	var b [8]byte
	for i := uint64(0); i < 16; i++ {
		if t.MM.CopyIn(sp+8*i, b[:]) != nil {
			break
		}
		t.k.Logf("task %d (%s): stack %#x: %#x", t.TID, t.Name,
			sp+8*i, binary.LittleEndian.Uint64(b[:]))
	}
}
