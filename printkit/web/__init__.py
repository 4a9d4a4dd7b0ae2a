"""`printkit serve`: the organiser's workspace and the supporter page, over the library API.

Starlette pages rendered on the server with Jinja, plain HTML forms and a little vanilla
JavaScript; every render runs in a process pool, never on the event loop. Only this
package (and the command line) imports starlette or uvicorn.
"""
