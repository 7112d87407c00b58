# Run by common/prebuild.groovy after common/make-fixtures.sh.
rm fixtures/entrypoints/attach
