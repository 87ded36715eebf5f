package ptrace

// fakeRegs is an x86-64 flavoured register file for host tests.
type fakeRegs struct {
	nr     int
	args   [6]uint64
	ret    int64
	ip, sp uint64
}

func (r *fakeRegs) SyscallNr() int             { return r.nr }
func (r *fakeRegs) SetSyscallNr(nr int)        { r.nr = nr }
func (r *fakeRegs) SyscallArgs() [6]uint64     { return r.args }
func (r *fakeRegs) SetSyscallArgs(a [6]uint64) { r.args = a }
func (r *fakeRegs) Return() int64              { return r.ret }
func (r *fakeRegs) SetReturn(v int64)          { r.ret = v }
func (r *fakeRegs) InstructionPointer() uint64 { return r.ip }
func (r *fakeRegs) StackPointer() uint64       { return r.sp }

// stopRecord is what a fake tracer saw at one stop.
type stopRecord struct {
	op   Op
	sig  int
	info SyscallInfo
}

// fakeTracer records stops and runs an optional action at each.
type fakeTracer struct {
	stops  []stopRecord
	action func(st *State, regs Regs)
}

func (f *fakeTracer) SyscallStop(st *State, regs Regs, sig int) {
	f.stops = append(f.stops, stopRecord{
		op: st.Stop(), sig: sig, info: st.SyscallInfo(regs),
	})
	if f.action != nil {
		f.action(st, regs)
	}
}
