//go:build tamago && microvm

package main

import _ "github.com/ringside-kernel/ringside/board/qemu/microvm"

const boardName = "QEMU microvm (amd64)"
