# Run by common/prebuild.groovy after common/make-fixtures.sh.
printf 'not a kernel\n' > fixtures/kernel
