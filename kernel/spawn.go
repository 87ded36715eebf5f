package kernel

import (
	"bytes"
	"crypto/rand"
	"debug/elf"
	"fmt"
	"path"

	"github.com/ringside-kernel/ringside/kernel/loader"
	"github.com/ringside-kernel/ringside/kernel/mm"
	"github.com/ringside-kernel/ringside/rseq"
)

// archs are the architectures ringside runs binaries of, by ELF machine.
var archs = map[elf.Machine]Arch{
	elf.EM_X86_64:  AMD64{},
	elf.EM_AARCH64: ARM64{},
}

// Spawn creates a task running the static ELF executable image with argv
// and envp (Linux: kernel_clone + execve's load_elf_binary). name is the
// executable's path, made absolute under / when it is not (glibc asserts
// that readlink("/proc/self/exe") is absolute); the task's comm is its
// base name.
func (k *Kernel) Spawn(name string, image []byte, argv, envp []string) (
	*Task, error) {
	if !path.IsAbs(name) {
		name = "/" + name
	}

	arch, err := archOf(image)
	if err != nil {
		return nil, err
	}

	pt, err := k.Machine.NewPageTable()
	if err != nil {
		return nil, err
	}
	layout := k.Machine.Layout()
	as := mm.NewAddressSpace(pt, k.Machine.Frames(), k.Machine.Phys(),
		layout)

	ehdr, err := k.mapVDSO(as, layout)
	if err != nil {
		as.Release()
		return nil, err
	}

	p := arch.ELF()
	args := loader.Args{
		SysinfoEhdr: ehdr,
		Argv:        argv, Envp: envp, ExecFn: name,
		Platform: p.Platform, HWCap: p.HWCap, DynBase: p.DynBase,
		Machine: p.Machine, MinSigStk: p.MinSigStk,
		StackTop:        layout.UserEnd,
		RseqFeatureSize: rseq.FeatureSize, RseqAlign: rseq.Align,
	}
	rand.Read(args.Random[:])

	res, err := loader.Load(as, bytes.NewReader(image), args)
	if err != nil {
		as.Release()
		return nil, err
	}

	k.tasksMu.Lock()
	defer k.tasksMu.Unlock()

	k.nextPID++
	t := &Task{
		Arch: arch, Ctx: k.Machine.NewContext(res.Entry, res.SP),
		MM: as, PT: pt, PID: k.nextPID, TID: k.nextPID,
		Name: comm(name), ExecPath: name, k: k,
	}
	t.Thread.Regs = t.Ctx.Regs()
	t.Thread.Mem = as
	t.Thread.Kernel = t
	t.Rseq.TaskSize = layout.UserEnd
	k.tasks = append(k.tasks, t)

	return t, nil
}

// archOf picks the architecture from the ELF header.
func archOf(image []byte) (Arch, error) {
	f, err := elf.NewFile(bytes.NewReader(image))
	if err != nil {
		return nil, fmt.Errorf("not an ELF executable: %w", err)
	}
	a, ok := archs[f.Machine]
	if !ok {
		return nil, fmt.Errorf("no support for %v executables", f.Machine)
	}
	return a, nil
}

// comm is the task name Linux derives from the path: its base name, cut
// to TASK_COMM_LEN - 1 bytes.
func comm(name string) string {
	c := path.Base(name)
	if len(c) > 15 {
		c = c[:15]
	}
	return c
}
