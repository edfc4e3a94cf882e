# A small image that runs the command line on a repository mounted at /src:
#   docker build -t flask-crdb-gate .
#   docker run --rm -v "$PWD:/src:ro" flask-crdb-gate
#   docker run --rm -v "$PWD:/src" flask-crdb-gate scan . --format sarif --output flask-crdb-gate.sarif
# dist/ carries every dependency and the grammars (WebAssembly), so Node alone runs it: no npm
# install, no compiler. The image has no git either: the scan walks the tree (pruning the default
# excludes) instead of asking git, so a scanned repository's .git/config never configures a command
# run on it; exclude what .gitignore would leave out with --exclude or the config file.
FROM node:24-alpine
LABEL org.opencontainers.image.title="flask-crdb-gate" \
      org.opencontainers.image.description="Grades Flask + CockroachDB/PostgreSQL repositories A-F" \
      org.opencontainers.image.source="https://github.com/flask-crdb-gate/flask-crdb-gate" \
      org.opencontainers.image.licenses="MIT"
WORKDIR /opt/flask-crdb-gate
COPY package.json LICENSE README.md ./
COPY dist/ ./dist/
COPY docs/rules/ ./docs/rules/
USER node
WORKDIR /src
ENTRYPOINT ["node", "/opt/flask-crdb-gate/dist/cli.js"]
CMD ["scan", "."]
