package loader

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Real static binaries from the host toolchain: with no libc, with glibc
// and with musl, as ET_EXEC and static PIE.

const nolibcSource = `
char bss[100000];
int data = 42;
const char ro[] = "read only";
void _start(void) {
	bss[0] = data + ro[0];
	__asm__ volatile("mov $60, %eax; xor %edi, %edi; syscall");
	for (;;) ;
}
`

const libcSource = `
#include <stdio.h>
static char big[1 << 20];
int main(int argc, char **argv) {
	big[argc] = 1;
	printf("hi %s\n", argv[0]);
	return big[1];
}
`

// compile builds source with cc and flags into a temporary file and
// returns its bytes; it skips the test when cc is not installed.
func compile(t *testing.T, cc, source string, flags ...string) []byte {
	t.Helper()
	path, err := exec.LookPath(cc)
	if err != nil {
		t.Skipf("%s not installed: cannot build a real binary", cc)
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "prog.c")
	out := filepath.Join(dir, "prog")
	require.NoError(t, os.WriteFile(src, []byte(source), 0o644))
	args := append(append([]string{}, flags...), "-o", out, src)
	msg, err := exec.Command(path, args...).CombinedOutput()
	require.NoError(t, err, "%s %v: %s", cc, args, msg)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	return b
}

func TestLoadRealBinaries(t *testing.T) {
	tests := []struct {
		name     string
		cc       string
		source   string
		flags    []string
		wantBias uint64
	}{
		{"loads a static executable without libc", "gcc", nolibcSource,
			[]string{"-static", "-nostdlib", "-O1"}, 0},
		{"loads a static PIE without libc", "gcc", nolibcSource,
			[]string{"-static-pie", "-nostdlib", "-fPIE", "-O1"},
			testDynBase},
		{"loads a static glibc executable", "gcc", libcSource,
			[]string{"-static"}, 0},
		{"loads a static-pie glibc executable", "gcc", libcSource,
			[]string{"-static-pie"}, testDynBase},
		{"loads a static musl executable", "musl-gcc", libcSource,
			[]string{"-static"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := compile(t, tt.cc, tt.source, tt.flags...)
			f, err := elf.NewFile(bytes.NewReader(file))
			require.NoError(t, err)
			as, _ := newAS()

			res, err := Load(as, bytes.NewReader(file), amd64Args())

			require.NoError(t, err)
			assert.Equal(t, tt.wantBias, res.LoadBias)
			assert.Equal(t, f.Entry+tt.wantBias, res.Entry)
			checkImage(t, as, file, res.LoadBias)

			var end uint64
			for _, p := range f.Progs {
				if p.Type == elf.PT_LOAD {
					end = max(end, p.Vaddr+p.Memsz)
				}
			}
			assert.Equal(t, pageUp(end+tt.wantBias), res.BrkBase)

			phoff := phoffOf(file)
			n := len(f.Progs) * 56
			assert.Equal(t, file[phoff:phoff+uint64(n)],
				readMem(t, as, res.Phdr, n), "AT_PHDR shows the headers")
			st := parseStack(t, as, res.SP)
			assert.Equal(t, res.Phdr, st.aux[abi.AT_PHDR])
			assert.Equal(t, uint64(len(f.Progs)), st.aux[abi.AT_PHNUM])
			assert.Equal(t, res.Entry, st.aux[abi.AT_ENTRY])
		})
	}
}

func TestLoadRefusesADynamicallyLinkedBinary(t *testing.T) {
	file := compile(t, "gcc", libcSource)
	as, _ := newAS()

	_, err := Load(as, bytes.NewReader(file), amd64Args())

	assert.True(t, errors.Is(err, abi.ENOEXEC), "got %v", err)
}

// phoffOf reads e_phoff, which debug/elf does not expose.
func phoffOf(file []byte) uint64 {
	return binary.LittleEndian.Uint64(file[0x20:])
}
