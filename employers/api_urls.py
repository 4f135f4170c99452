from django.urls import path

from . import api

urlpatterns = [
    path("questions", api.questions, name="readiness_questions"),
    path("score", api.score_answers, name="readiness_score"),
]
