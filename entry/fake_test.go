package entry

import (
	"encoding/binary"
	"fmt"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/ptrace"
)

// fakeRegs is an x86-64 flavoured register file: ax holds the return
// value, origAX the syscall number.
type fakeRegs struct {
	origAX int
	ax     int64
	args   [6]uint64
	ip, sp uint64
}

func (r *fakeRegs) SyscallNr() int                  { return r.origAX }
func (r *fakeRegs) SetSyscallNr(nr int)             { r.origAX = nr }
func (r *fakeRegs) SyscallArgs() [6]uint64          { return r.args }
func (r *fakeRegs) SetSyscallArgs(a [6]uint64)      { r.args = a }
func (r *fakeRegs) Return() int64                   { return r.ax }
func (r *fakeRegs) SetReturn(v int64)               { r.ax = v }
func (r *fakeRegs) InstructionPointer() uint64      { return r.ip }
func (r *fakeRegs) SetInstructionPointer(ip uint64) { r.ip = ip }
func (r *fakeRegs) StackPointer() uint64            { return r.sp }
func (r *fakeRegs) RestartSyscall()                 { r.ip -= 2 }

// fakeKernel records the calls the entry code makes, in order, and runs
// an optional hook on each.
type fakeKernel struct {
	log []string
	ret int64
	// on runs after a call is logged, with the call's name.
	on func(t *Thread, call string)
}

func (k *fakeKernel) record(t *Thread, call string) {
	k.log = append(k.log, call)
	if k.on != nil {
		k.on(t, call)
	}
}

func (k *fakeKernel) Dispatch(t *Thread, nr int) int64 {
	k.record(t, fmt.Sprintf("dispatch %d", nr))
	return k.ret
}

func (k *fakeKernel) Schedule(t *Thread) {
	k.record(t, "schedule")
}

func (k *fakeKernel) DeliverSignal(t *Thread) {
	t.ClearWork(WorkSigPending | WorkNotifySignal)
	k.record(t, "signal")
}

func (k *fakeKernel) ForceSignal(t *Thread, sig abi.Signal, _ error) {
	t.SetWork(WorkSigPending)
	k.record(t, "force "+sig.String())
}

// nullKernel is the benchmark's kernel: it does nothing.
type nullKernel struct{}

func (nullKernel) Dispatch(*Thread, int) int64            { return 0 }
func (nullKernel) Schedule(*Thread)                       {}
func (nullKernel) DeliverSignal(*Thread)                  {}
func (nullKernel) ForceSignal(*Thread, abi.Signal, error) {}

// Test address space: a flat region holding an rseq area and a critical
// section descriptor.
const (
	memBase  = 0x10000
	memSize  = 0x2000
	areaAddr = 0x10000
	csAddr   = 0x10800
)

// fakeMem is a flat user region.
type fakeMem struct{ b [memSize]byte }

func (m *fakeMem) span(addr uint64, n int) ([]byte, error) {
	if addr < memBase || addr-memBase+uint64(n) > memSize {
		return nil, abi.EFAULT
	}
	return m.b[addr-memBase : addr-memBase+uint64(n)], nil
}

func (m *fakeMem) CopyIn(addr uint64, dst []byte) error {
	s, err := m.span(addr, len(dst))
	copy(dst, s)
	return err
}

func (m *fakeMem) CopyOut(addr uint64, src []byte) error {
	s, err := m.span(addr, len(src))
	copy(s, src)
	return err
}

func (m *fakeMem) u32(addr uint64) uint32 {
	s, _ := m.span(addr, 4)
	return binary.LittleEndian.Uint32(s)
}

func (m *fakeMem) put32(addr uint64, v uint32) {
	s, _ := m.span(addr, 4)
	binary.LittleEndian.PutUint32(s, v)
}

func (m *fakeMem) put64(addr uint64, v uint64) {
	s, _ := m.span(addr, 8)
	binary.LittleEndian.PutUint64(s, v)
}

// fakeTracer records syscall stops and runs an optional action.
type fakeTracer struct {
	stops  []string
	action func(st *ptrace.State, regs ptrace.Regs)
}

func (f *fakeTracer) SyscallStop(st *ptrace.State, r ptrace.Regs, sig int) {
	op := map[ptrace.Op]string{
		ptrace.PTRACE_SYSCALL_INFO_ENTRY: "entry",
		ptrace.PTRACE_SYSCALL_INFO_EXIT:  "exit",
	}[st.Stop()]
	f.stops = append(f.stops, fmt.Sprintf("%s nr=%d ret=%d",
		op, r.SyscallNr(), r.Return()))
	if f.action != nil {
		f.action(st, r)
	}
}

// newThread returns a thread with fakes and a recording kernel.
func newThread() (*Thread, *fakeKernel, *fakeRegs, *fakeMem) {
	k := &fakeKernel{}
	r := &fakeRegs{ip: 0x401000}
	m := &fakeMem{}
	return &Thread{Regs: r, Mem: m, Kernel: k}, k, r, m
}
