"""The shipped deployment (nginx, gunicorn, Redis settings) and the tools that run it locally."""
