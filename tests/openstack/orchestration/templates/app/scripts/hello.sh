#!/bin/sh
echo hello from pkgcloud
